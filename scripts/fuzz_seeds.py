#!/usr/bin/env python3
"""Makes the committed seed inputs of the Jazzer fuzz tests (see FUZZING.md).

Encodes tiny clips with ffmpeg (64x48, a few frames; a few KB each), then writes, into the
src/test/resources/<package>/<TestClass>Inputs/<method>/ folders that Jazzer reads:

- whole files, for the targets that read files (Mp4Reader, Packager, MediaProbe, TrackDecryptor);
- the payloads of their decoder configuration boxes and parameter sets, behind the selector byte
  of CodecConfigFuzzTest;
- their first video samples with the decoder configuration, in the layout of
  SubsampleMapperFuzzTest.

Nothing from ../shared/testdata is copied: scripts/fuzz.sh adds those files at run time.
Usage: scripts/fuzz_seeds.py   (rewrites its seeds, keeps the other files of the seed folders: the
regression inputs of past findings; needs ffmpeg with libx264, libx265, libopus)
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Selector bytes: the ordinals of CodecConfigFuzzTest.Kind.
KIND = {"avcC": 0, "hvcC": 1, "esds": 2, "dOps": 3, "dac3": 4, "dec3": 5,
        "avc_sps": 6, "avc_pps": 7, "hevc_sps": 8, "hevc_pps": 9}

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"moof", b"traf", b"mvex", b"edts", b"dinf",
              b"sinf", b"schi"}
# Bytes before the child boxes of a sample entry, after its 8-byte header.
VISUAL_CHILDREN = 78
AUDIO_CHILDREN = 28

CLIPS = {
    # name: ffmpeg arguments after the inputs
    "avc_aac.mp4": ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", "0.3", "-c:v", "libx264", "-preset",
                    "ultrafast", "-g", "2", "-bf", "1", "-c:a", "aac", "-b:a", "16k", "-movflags", "+faststart"],
    "hevc.mp4": ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-t", "0.3", "-c:v", "libx265", "-preset",
                 "ultrafast", "-x265-params", "log-level=error:keyint=2", "-tag:v", "hvc1"],
    "opus.mp4": ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "0.1", "-c:a", "libopus",
                 "-b:a", "16k"],
    "ac3.mp4": ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "0.1", "-c:a", "ac3",
                "-b:a", "64k"],
    "eac3.mp4": ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "0.1", "-c:a", "eac3",
                 "-b:a", "64k"],
    "fragmented.mp4": ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-f", "lavfi", "-i",
                       "sine=frequency=440:sample_rate=48000", "-t", "0.4", "-c:v", "libx264", "-preset",
                       "ultrafast", "-g", "2", "-c:a", "aac", "-b:a", "16k", "-movflags",
                       "+frag_keyframe+empty_moov+default_base_moof"],
    "cenc.mp4": ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-t", "0.3", "-c:v", "libx264", "-preset",
                 "ultrafast", "-g", "2", "-movflags", "+frag_keyframe+empty_moov+default_base_moof",
                 "-encryption_scheme", "cenc-aes-ctr",
                 # The harness derives each key from its key ID (TrackDecryptorFuzzTest.keyFor).
                 "-encryption_kid", "0102030405060708090a0b0c0d0e0f10",
                 "-encryption_key", "0102030405060708090a0b0c0d0e0f10"],
}

CORE = "core/src/test/resources/io/packager4j/core"
CRYPTO = "crypto/src/test/resources/io/packager4j/crypto"
DASH = "dash/src/test/resources/io/packager4j"
FILE_TARGETS = [f"{CORE}/mp4/Mp4ReaderFuzzTestInputs/openFile",
                f"{DASH}/PackagerFuzzTestInputs/packageFile",
                f"{DASH}/PackagerFuzzTestInputs/probeFile"]
DECRYPT_TARGET = f"{CRYPTO}/decrypt/TrackDecryptorFuzzTestInputs/decryptFile"
CONFIG_TARGET = f"{CORE}/codec/CodecConfigFuzzTestInputs/decoderConfig"
MAPPER_TARGET = f"{CRYPTO}/subsample/SubsampleMapperFuzzTestInputs/mapSamples"


def boxes(data, start, end):
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        yield kind, pos + header, pos + size
        pos += size


def find_all(data, kind, start=0, end=None):
    """Every box of the given type, depth first, in container boxes."""
    end = len(data) if end is None else end
    for k, body, stop in boxes(data, start, end):
        if k == kind:
            yield body, stop
        if k in CONTAINERS:
            yield from find_all(data, kind, body, stop)
        elif k == b"stsd":
            yield from find_all(data, kind, body + 8, stop)  # full box header, entry count
        elif k in (b"avc1", b"hvc1", b"encv"):
            yield from find_all(data, kind, body + VISUAL_CHILDREN, stop)
        elif k in (b"mp4a", b"Opus", b"ac-3", b"ec-3", b"enca"):
            yield from find_all(data, kind, body + AUDIO_CHILDREN, stop)


def first(data, kind, start=0, end=None):
    return next(find_all(data, kind, start, end), None)


def write(folder, name, content):
    path = os.path.join(ROOT, folder)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), "wb") as f:
        f.write(content)


def avcc_sets(avcc):
    """SPS and PPS NAL units of an avcC payload."""
    n = avcc[5] & 0x1F
    pos, sps, pps = 6, [], []
    for _ in range(n):
        length = struct.unpack(">H", avcc[pos:pos + 2])[0]
        sps.append(avcc[pos + 2:pos + 2 + length])
        pos += 2 + length
    for _ in range(avcc[pos]):
        length = struct.unpack(">H", avcc[pos + 1:pos + 3])[0]
        pps.append(avcc[pos + 3:pos + 3 + length])
        pos += 2 + length
    return sps, pps


def hvcc_sets(hvcc):
    """NAL units of an hvcC payload by type."""
    out = {}
    pos = 23
    for _ in range(hvcc[22]):
        nal_type = hvcc[pos] & 0x3F
        count = struct.unpack(">H", hvcc[pos + 1:pos + 3])[0]
        pos += 3
        for _ in range(count):
            length = struct.unpack(">H", hvcc[pos:pos + 2])[0]
            out.setdefault(nal_type, []).append(hvcc[pos + 2:pos + 2 + length])
            pos += 2 + length
    return out


def first_samples(data, stbl, count):
    """The first samples of a progressive track whose first chunk holds them (ffmpeg's clips do)."""
    stsz_body, _ = first(data, b"stsz", *stbl)
    constant, n = struct.unpack(">II", data[stsz_body + 4:stsz_body + 12])
    sizes = [constant] * n if constant else list(struct.unpack(f">{n}I", data[stsz_body + 12:stsz_body + 12 + 4 * n]))
    stco_body, _ = first(data, b"stco", *stbl)
    offset = struct.unpack(">I", data[stco_body + 8:stco_body + 12])[0]
    out = []
    for size in sizes[:count]:
        out.append(data[offset:offset + size])
        offset += size
    return out


def mapper_seed(hevc, cbcs, config, sample):
    """SubsampleMapperFuzzTest layout: selector, 2-byte config length, config, sample (4-byte NAL lengths)."""
    selector = (1 if cbcs else 0) | (2 if hevc else 0) | (2 << 2)  # length-size index 2: 4 bytes
    return bytes([selector]) + struct.pack(">H", len(config)) + config + sample


def main():
    if shutil.which("ffmpeg") is None:
        sys.exit("ffmpeg is needed")
    with tempfile.TemporaryDirectory(prefix="fuzz-seeds") as tmp:
        files = {}
        for name, args in CLIPS.items():
            path = os.path.join(tmp, name)
            subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args, path], check=True)
            with open(path, "rb") as f:
                files[name] = f.read()

    for name, data in files.items():
        targets = [DECRYPT_TARGET] if name == "cenc.mp4" else FILE_TARGETS
        for folder in targets:
            write(folder, name, data)
        for kind in ("avcC", "hvcC", "esds", "dOps", "dac3", "dec3"):
            box = first(data, kind.encode())
            if box is None or name == "cenc.mp4":
                continue
            payload = data[box[0]:box[1]]
            write(CONFIG_TARGET, f"{kind}-{name[:-4]}", bytes([KIND[kind]]) + payload)
            if kind == "avcC":
                sps, pps = avcc_sets(payload)
                write(CONFIG_TARGET, f"avc_sps-{name[:-4]}", bytes([KIND["avc_sps"]]) + sps[0])
                write(CONFIG_TARGET, f"avc_pps-{name[:-4]}", bytes([KIND["avc_pps"]]) + pps[0])
            if kind == "hvcC":
                sets = hvcc_sets(payload)
                write(CONFIG_TARGET, f"hevc_sps-{name[:-4]}", bytes([KIND["hevc_sps"]]) + sets[33][0])
                write(CONFIG_TARGET, f"hevc_pps-{name[:-4]}", bytes([KIND["hevc_pps"]]) + sets[34][0])

    for name, kind, hevc in (("avc_aac.mp4", b"avcC", False), ("hevc.mp4", b"hvcC", True)):
        data = files[name]
        trak = next(t for t in find_all(data, b"trak") if first(data, kind, *t) is not None)
        config_box = first(data, kind, *trak)
        config = data[config_box[0]:config_box[1]]
        stbl = first(data, b"stbl", *trak)
        for i, sample in enumerate(first_samples(data, stbl, 2)):
            for cbcs in (False, True):
                scheme = "cbcs" if cbcs else "cenc"
                write(MAPPER_TARGET, f"{name[:-4]}-{scheme}-sample{i + 1}", mapper_seed(hevc, cbcs, config, sample))

    # Regression input for a finding of the packager target (FUZZING.md): a ctts offset with its top
    # bit set, read as about -2^31, put a sample before the start of the timeline.
    data = bytearray(files["avc_aac.mp4"])
    ctts_body, _ = first(bytes(data), b"ctts")
    entries = struct.unpack(">I", data[ctts_body + 4:ctts_body + 8])[0]
    for k in range(entries):
        at = ctts_body + 8 + 8 * k + 4
        if struct.unpack(">I", data[at:at + 4])[0] != 0:
            data[at] |= 0x80
            break
    for folder in FILE_TARGETS[1:]:
        write(folder, "ctts-offset-top-bit-set", bytes(data))

    # Regression input for a finding of the media-probe target: a trun whose samples take all their
    # fields from the defaults (flags: data offset only) declaring 16 million of them in 20 bytes.
    data = bytearray(files["fragmented.mp4"])
    trun_body, _ = first(bytes(data), b"trun")
    data[trun_body:trun_body + 8] = struct.pack(">II", 0x00000001, 0x01000000)
    for folder in (FILE_TARGETS[0], FILE_TARGETS[2]):
        write(folder, "trun-16M-default-samples", bytes(data))

    total = 0
    for folder in FILE_TARGETS + [DECRYPT_TARGET, CONFIG_TARGET, MAPPER_TARGET]:
        path = os.path.join(ROOT, folder)
        size = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
        total += size
        print(f"{folder}: {len(os.listdir(path))} seed(s), {size} bytes")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
