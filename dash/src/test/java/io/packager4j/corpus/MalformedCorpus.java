package io.packager4j.corpus;

import io.packager4j.PackagingException;
import io.packager4j.Packager;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Derives the committed corpus of malformed MP4 files ({@code src/test/resources/malformed/}) from
 * three small seed files, each damage a single, named change, so the corpus is re-made exactly by
 * running this again ({@link MalformedCorpusTest} checks that it is).
 *
 * <p>The seeds are committed too ({@code malformed/seed/}), because ffmpeg and random IVs would make
 * them differ from run to run: {@code clip.mp4} (0.6 s, 160x120 H.264 with B-frames + mono AAC,
 * moov first, 5.5 KB), {@code hevc.mp4} (0.3 s HEVC) and {@code clip-cenc.mp4} (clip.mp4 packaged by our own Packager
 * into a fragmented MP4 encrypted with {@code cenc}). {@code --seeds} re-makes them (needs ffmpeg),
 * after which the expected messages must be reviewed again, as offsets will move.
 *
 * <pre>
 * java ... io.packager4j.corpus.MalformedCorpus dash/src/test/resources/malformed [--seeds] [--print]
 * </pre>
 */
public final class MalformedCorpus {

    /** The manifest: one line per corpus file, its name, a tab, and the exact message it must fail with. */
    public static final String MANIFEST = "expected-errors.tsv";

    static final List<String> CLIP_FFMPEG = List.of("-f", "lavfi", "-i", "testsrc2=s=160x120:r=10:d=0.6",
            "-f", "lavfi", "-i", "sine=f=440:d=0.6:r=22050", "-c:v", "libx264", "-preset", "veryslow", "-threads", "1",
            "-crf", "45", "-g", "3", "-bf", "1", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "12k", "-ac", "1",
            "-movflags", "+faststart", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-map_metadata", "-1");
    static final List<String> HEVC_FFMPEG = List.of("-f", "lavfi", "-i", "testsrc2=s=160x120:r=10:d=0.3",
            "-c:v", "libx265", "-x265-params", "log-level=error:pools=1:frame-threads=1", "-crf", "45", "-g", "3",
            "-bf", "0", "-pix_fmt", "yuv420p", "-tag:v", "hvc1", "-movflags", "+faststart", "-fflags", "+bitexact",
            "-flags:v", "+bitexact", "-map_metadata", "-1");

    private MalformedCorpus() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MalformedCorpus <corpus dir> [--seeds]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        if (Arrays.asList(args).contains("--seeds")) {
            makeSeeds(dir.resolve("seed"));
        }
        Map<String, byte[]> cases = cases(dir.resolve("seed"));
        write(cases, dir);
        System.err.println(cases.size() + " malformed files written to " + dir);
        if (Arrays.asList(args).contains("--print")) {
            // For review when cases are added: what each file fails with now (never copy unread).
            for (String name : cases.keySet()) {
                System.out.println(name + "\t" + actualMessage(dir.resolve(name)));
            }
        }
    }

    /** The message the reader refuses {@code file} with, or a note that it was accepted. */
    static String actualMessage(Path file) {
        try (var ignored = new io.packager4j.core.mp4.Mp4Reader().open(file)) {
            return "(accepted)";
        } catch (PackagingException e) {
            return e.getMessage();
        }
    }

    /** Writes the cases into {@code dir}, deleting corpus files of cases that no longer exist. */
    static void write(Map<String, byte[]> cases, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".mp4")).toList()) {
                if (!cases.containsKey(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            Files.write(dir.resolve(c.getKey()), c.getValue());
        }
    }

    /** Re-makes the seed files; ffmpeg must be on the PATH. */
    static void makeSeeds(Path seeds) throws IOException, InterruptedException, PackagingException {
        Files.createDirectories(seeds);
        ffmpeg(CLIP_FFMPEG, seeds.resolve("clip.mp4"));
        ffmpeg(HEVC_FFMPEG, seeds.resolve("hevc.mp4"));
        Packager.builder().input(seeds.resolve("clip.mp4"))
                .encryption(Encryption.cenc(KeyId.parse("a16e402b9056e371f36d348aa62bb749"),
                        ContentKey.parse("87237d20a19f58a740c05684e699b4aa")))
                .segmentDuration(Duration.ofMillis(300))
                .fragmentedMp4(seeds.resolve("clip-cenc.mp4"))
                .overwrite(true)
                .build().run();
    }

    private static void ffmpeg(List<String> args, Path out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(args);
        command.add(out.toString());
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + command);
        }
    }

    /** Every malformed file, by name, in a stable order. */
    static Map<String, byte[]> cases(Path seeds) throws IOException {
        byte[] clip = Files.readAllBytes(seeds.resolve("clip.mp4"));
        byte[] hevc = Files.readAllBytes(seeds.resolve("hevc.mp4"));
        byte[] cenc = Files.readAllBytes(seeds.resolve("clip-cenc.mp4"));
        Map<String, byte[]> out = new LinkedHashMap<>() {
            @Override
            public byte[] put(String name, byte[] bytes) {
                // Two cases under one name would silently lose one of them.
                if (containsKey(name)) {
                    throw new IllegalStateException("two cases named " + name);
                }
                return super.put(name, bytes);
            }
        };
        truncations(clip, out);
        sizes(clip, out);
        structure(clip, out);
        tables(clip, out);
        codecs(clip, hevc, out);
        encrypted(cenc, out);
        return out;
    }

    /** The clip cut at every box boundary: top-level boxes, and every box inside the moov. */
    private static void truncations(byte[] clip, Map<String, byte[]> out) {
        Map<Integer, String> cuts = new java.util.TreeMap<>();
        List<Box> all = Box.walk(clip);
        for (Box b : all) {
            cuts.putIfAbsent(b.offset(), "before-" + b.flatPath());
        }
        for (Box b : all) {
            cuts.putIfAbsent(b.end(), "after-" + b.flatPath());
        }
        cuts.remove(clip.length); // the whole file is not a truncation
        for (Map.Entry<Integer, String> c : cuts.entrySet()) {
            out.put(String.format("truncated-%05d-%s.mp4", c.getKey(), c.getValue()), Arrays.copyOf(clip, c.getKey()));
        }
        Box mdat = Box.find(clip, "mdat");
        out.put("truncated-inside-mdat.mp4", Arrays.copyOf(clip, mdat.offset() + mdat.size() / 2));
        Box moov = Box.find(clip, "moov");
        out.put("truncated-inside-moov-header.mp4", Arrays.copyOf(clip, moov.offset() + 5));
    }

    /** Box sizes zeroed, set to 0xFFFFFFFF, to a 64-bit huge value, and below the header's own length. */
    private static void sizes(byte[] clip, Map<String, byte[]> out) {
        String stsz = "moov/trak[1]/mdia/minf/stbl/stsz";
        String stsd = "moov/trak[2]/mdia/minf/stbl/stsd";
        // Size 0 ("to the end of the file") is legal for the last top-level box, so mdat is not here.
        for (String path : List.of("ftyp", "moov/trak[1]", stsz, stsd)) {
            out.put("size-zero-" + flat(path) + ".mp4", patch(clip, b -> put32(b, Box.find(b, path).offset(), 0)));
        }
        for (String path : List.of("ftyp", "moov", "mdat", "moov/trak[1]", stsz)) {
            out.put("size-max-" + flat(path) + ".mp4", patch(clip, b -> put32(b, Box.find(b, path).offset(), 0xFFFFFFFFL)));
            // size 1 and a 64-bit largesize in place of the first 8 payload bytes
            out.put("size64-huge-" + flat(path) + ".mp4", patch(clip, b -> {
                int at = Box.find(b, path).offset();
                put32(b, at, 1);
                ByteBuffer.wrap(b).putLong(at + 8, 0x7FFF_FFFF_FFFF_0000L);
            }));
        }
        for (String path : List.of("moov", "moov/trak[1]", stsd)) {
            out.put("size-4-" + flat(path) + ".mp4", patch(clip, b -> put32(b, Box.find(b, path).offset(), 4)));
        }
        out.put("size64-negative-mdat.mp4", patch(clip, b -> {
            int at = Box.find(b, "mdat").offset();
            put32(b, at, 1);
            ByteBuffer.wrap(b).putLong(at + 8, -1L);
        }));
        out.put("box-type-garbage-in-stbl.mp4", patch(clip, b -> {
            int at = Box.find(b, "moov/trak[1]/mdia/minf/stbl/stss").offset();
            put32(b, at + 4, 0x00010203);
        }));
    }

    private static String flat(String path) {
        return path.replace('/', '.').replace("[", "").replace("]", "");
    }

    /** A moov inside itself, boxes nested past the depth limit, two moovs, too many tracks, no moov. */
    private static void structure(byte[] clip, Map<String, byte[]> out) {
        Box moov = Box.find(clip, "moov");
        // A second moov header just before the real one: the real moov becomes the outer one's child.
        out.put("moov-inside-moov.mp4", concat(Arrays.copyOf(clip, moov.offset()),
                header("moov", 8 + moov.size()), Arrays.copyOfRange(clip, moov.offset(), clip.length)));
        // trak/mdia/trak/mdia/... 40 levels deep, appended to the moov.
        byte[] chain = new byte[0];
        for (int i = 0; i < 40; i++) {
            chain = concat(header(i % 2 == 0 ? "mdia" : "trak", 8 + chain.length), chain);
        }
        out.put("boxes-nested-too-deep.mp4", appendToMoov(clip, chain));
        out.put("second-moov.mp4", concat(clip, Arrays.copyOfRange(clip, moov.offset(), moov.end())));
        byte[] emptyTraks = new byte[0];
        for (int i = 0; i < 65; i++) {
            emptyTraks = concat(emptyTraks, header("trak", 8));
        }
        out.put("tracks-over-limit.mp4", appendToMoov(clip, emptyTraks));
        out.put("moov-renamed-to-free.mp4", patch(clip, b -> putType(b, moov.offset(), "free")));
        out.put("top-level-boxes-garbage-after-mdat.mp4", concat(clip, new byte[] {0, 0, 0, 9, 'j', 'u', 'n', 'k'}));
    }

    /** Sample tables whose counts disagree with each other or with the bytes that hold them. */
    private static void tables(byte[] clip, Map<String, byte[]> out) {
        String stbl = "moov/trak[1]/mdia/minf/stbl/";
        out.put("stsz-count-huge.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "stsz").offset() + 16, 0xFFFFFFFFL)));
        out.put("stsz-constant-size-beyond-file.mp4", patch(clip, b -> {
            int at = Box.find(b, stbl + "stsz").offset();
            put32(b, at + 12, 1000);
            put32(b, at + 16, 100_000);
        }));
        out.put("stsz-constant-count-over-track-limit.mp4", patch(clip, b -> {
            int at = Box.find(b, stbl + "stsz").offset();
            put32(b, at + 12, 1);
            put32(b, at + 16, 30_000_000);
        }));
        out.put("stsz-one-more-than-stts.mp4", growTable(clip, stbl + "stsz", 16, 4));
        out.put("stsz-sample-size-huge.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "stsz").offset() + 20,
                0x7FFFFFFFL)));
        out.put("stco-count-one-short.mp4", patch(clip, b -> {
            int at = Box.find(b, stbl + "stco").offset();
            put32(b, at + 12, u32(b, at + 12) - 1);
        }));
        out.put("stco-count-huge.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "stco").offset() + 12, 0x40000000L)));
        out.put("stco-offset-beyond-file.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "stco").offset() + 16,
                0x7FFFFFF0L)));
        out.put("stsc-count-huge.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "stsc").offset() + 12, 0x10000000L)));
        out.put("stsc-zero-samples-per-chunk.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "stsc").offset() + 20, 0)));
        out.put("stsc-first-chunk-2.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "stsc").offset() + 16, 2)));
        out.put("stts-count-huge.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "stts").offset() + 12, 0x20000000L)));
        out.put("stts-one-sample-short.mp4", patch(clip, b -> {
            int at = Box.find(b, stbl + "stts").offset();
            put32(b, at + 16, u32(b, at + 16) - 1); // the first (only) run's sample count
        }));
        out.put("stss-sample-beyond-track.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "stss").offset() + 16, 999)));
        out.put("ctts-count-huge.mp4", patch(clip, b -> put32(b, Box.find(b, stbl + "ctts").offset() + 12, 0x30000000L)));
        out.put("elst-count-huge.mp4", patch(clip, b -> put32(b, Box.find(b, "moov/trak[1]/edts/elst").offset() + 12,
                0x10000000L)));
        out.put("stbl-without-stco.mp4", patch(clip, b -> putType(b, Box.find(b, stbl + "stco").offset(), "free")));
    }

    /** Codec configuration records with lengths that do not fit. */
    private static void codecs(byte[] clip, byte[] hevc, Map<String, byte[]> out) {
        String avcC = "moov/trak[1]/mdia/minf/stbl/stsd/avc1/avcC";
        // The SPS length is the u16 after the 6 fixed bytes of the record.
        out.put("avcC-sps-length-huge.mp4", patch(clip, b -> put16(b, Box.find(b, avcC).offset() + 8 + 6, 0xFFFF)));
        out.put("avcC-sps-count-31.mp4", patch(clip, b -> {
            int at = Box.find(b, avcC).offset() + 8 + 5;
            b[at] = (byte) 0xFF; // reserved bits and numOfSequenceParameterSets = 31
        }));
        out.put("avcC-box-size-beyond-entry.mp4", patch(clip, b -> put32(b, Box.find(b, avcC).offset(), 0x10000)));
        String hvcC = "moov/trak[1]/mdia/minf/stbl/stsd/hvc1/hvcC";
        // numOfArrays is the byte after the 22 fixed bytes of the record.
        out.put("hvcC-array-count-huge.mp4", patch(hevc, b -> b[Box.find(b, hvcC).offset() + 8 + 22] = (byte) 0xFF));
        out.put("hvcC-nal-length-huge.mp4", patch(hevc, b -> put16(b, Box.find(b, hvcC).offset() + 8 + 23 + 3, 0xFFF0)));
        String esds = "moov/trak[2]/mdia/minf/stbl/stsd/mp4a/esds";
        // After the full box header: tag 3 and its size. ffmpeg writes the size as 0x80 0x80 0x80 n.
        out.put("esds-descriptor-size-huge.mp4", patch(clip, b -> {
            int at = Box.find(b, esds).offset() + 12;
            b[at + 1] = (byte) 0xFF;
            b[at + 2] = (byte) 0xFF;
            b[at + 3] = (byte) 0xFF;
            b[at + 4] = (byte) 0x7F;
        }));
        out.put("esds-descriptor-size-endless.mp4", patch(clip, b -> {
            int at = Box.find(b, esds).offset() + 12;
            for (int i = 1; i <= 4; i++) {
                b[at + i] = (byte) 0x80;
            }
        }));
        out.put("esds-not-an-es-descriptor.mp4", patch(clip, b -> b[Box.find(b, esds).offset() + 12] = 0x05));
    }

    /** The cenc-encrypted fragmented clip with its senc, saiz/saio and trun damaged. */
    private static void encrypted(byte[] cenc, Map<String, byte[]> out) {
        // The first fragment of the video track (ID 1), whose samples have subsample maps.
        String traf = videoTraf(cenc);
        // senc payload: version/flags, sample_count, then per sample an 8-byte IV, subsample_count and
        // (clear u16, protected u32) pairs. The first sample's first protected size grows.
        out.put("senc-subsamples-overrun-sample.mp4", patch(cenc, b -> {
            int at = Box.find(b, traf + "senc").offset() + 8 + 8 + 8 + 2 + 2;
            put32(b, at, u32(b, at) + 1000);
        }));
        out.put("senc-subsample-count-huge.mp4", patch(cenc, b -> {
            int at = Box.find(b, traf + "senc").offset() + 8 + 8 + 8;
            put16(b, at, 0xFFFF);
        }));
        out.put("senc-count-mismatch.mp4", patch(cenc, b -> {
            int at = Box.find(b, traf + "senc").offset() + 12;
            put32(b, at, u32(b, at) + 1);
        }));
        // Without senc (renamed to free), the reader follows saiz/saio.
        out.put("saio-offset-beyond-file.mp4", patch(cenc, b -> {
            putType(b, Box.find(b, traf + "senc").offset(), "free");
            Box saio = Box.find(b, traf + "saio");
            put32(b, saio.end() - 4, 0x7FFF0000L);
        }));
        out.put("saiz-count-mismatch.mp4", patch(cenc, b -> {
            putType(b, Box.find(b, traf + "senc").offset(), "free");
            int at = Box.find(b, traf + "saiz").offset() + 8 + 4 + 1;
            put32(b, at, u32(b, at) + 1);
        }));
        out.put("trun-count-huge.mp4", patch(cenc, b -> put32(b, Box.find(b, traf + "trun[1]").offset() + 12, 0x7FFFFFFFL)));
        out.put("trun-without-fields-count-huge.mp4", patch(cenc, b -> {
            int at = Box.find(b, traf + "trun[1]").offset();
            put32(b, at + 8, 0x000001); // only data_offset: every sample from defaults
            put32(b, at + 12, 1_000_000);
        }));
        out.put("moof-size-max.mp4", patch(cenc, b -> put32(b, Box.find(b, "moof[1]").offset(), 0xFFFFFFFFL)));
        out.put("moof-size-zero-mid-file.mp4", patch(cenc, b -> put32(b, Box.find(b, "moof[1]").offset(), 0)));
        out.put("moof-without-init.mp4", Arrays.copyOfRange(cenc, Box.find(cenc, "moof[1]").offset(), cenc.length));
    }

    /** "moof[k]/traf[1]/" of the first fragment whose tfhd names track 1. */
    private static String videoTraf(byte[] file) {
        for (Box b : Box.walk(file)) {
            if (b.path().endsWith("/tfhd") && u32(file, b.offset() + 12) == 1) {
                return b.path().substring(0, b.path().length() - "tfhd".length());
            }
        }
        throw new IllegalArgumentException("no fragment of track 1");
    }

    // ---- byte helpers ----

    @FunctionalInterface
    private interface Patch {
        void apply(byte[] b);
    }

    private static byte[] patch(byte[] file, Patch p) {
        byte[] copy = file.clone();
        p.apply(copy);
        return copy;
    }

    /** Appends {@code bytes} at the end of the moov, growing its size. */
    private static byte[] appendToMoov(byte[] clip, byte[] bytes) {
        Box moov = Box.find(clip, "moov");
        byte[] out = concat(Arrays.copyOf(clip, moov.end()), bytes, Arrays.copyOfRange(clip, moov.end(), clip.length));
        put32(out, moov.offset(), moov.size() + bytes.length);
        return out;
    }

    /** Adds one zero entry to a table box (count at {@code countAt}), growing it and its parents. */
    private static byte[] growTable(byte[] clip, String path, int countAt, int entrySize) {
        Box table = Box.find(clip, path);
        byte[] out = concat(Arrays.copyOf(clip, table.end()), new byte[entrySize],
                Arrays.copyOfRange(clip, table.end(), clip.length));
        put32(out, table.offset() + countAt, u32(out, table.offset() + countAt) + 1);
        for (Box b : Box.walk(clip)) {
            if (b.offset() <= table.offset() && b.end() >= table.end()) {
                put32(out, b.offset(), b.size() + entrySize);
            }
        }
        return out;
    }

    static byte[] header(String type, long size) {
        return ByteBuffer.allocate(8).putInt((int) size).put(type.getBytes(StandardCharsets.ISO_8859_1)).array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static long u32(byte[] b, int at) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(b).getInt(at));
    }

    static void put32(byte[] b, int at, long v) {
        ByteBuffer.wrap(b).putInt(at, (int) v);
    }

    static void put16(byte[] b, int at, int v) {
        ByteBuffer.wrap(b).putShort(at, (short) v);
    }

    static void putType(byte[] b, int at, String type) {
        System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, b, at + 4, 4);
    }

    /** One box of a seed file, found by walking it with its known layout. */
    record Box(String path, int offset, int size) {

        private static final java.util.Set<String> CONTAINERS = java.util.Set.of(
                "moov", "trak", "mdia", "minf", "stbl", "edts", "dinf", "udta", "mvex", "moof", "traf", "sinf", "schi");

        int end() {
            return offset + size;
        }

        /** The path as part of a file name: "moov.trak2.mdia". */
        String flatPath() {
            return path.replace('/', '.').replace("[", "").replace("]", "");
        }

        /** Every box of the file, outermost first, with paths such as "moov/trak[2]/mdia". */
        static List<Box> walk(byte[] file) {
            List<Box> out = new ArrayList<>();
            walk(file, 0, file.length, "", out);
            return out;
        }

        private static void walk(byte[] f, int from, int to, String parent, List<Box> out) {
            Map<String, Integer> seen = new java.util.HashMap<>();
            for (int pos = from; pos + 8 <= to; ) {
                int size = (int) u32(f, pos);
                String type = new String(f, pos + 4, 4, StandardCharsets.ISO_8859_1);
                if (size < 8 || pos + size > to) {
                    throw new IllegalStateException("seed file has a bad box at " + pos);
                }
                int nth = seen.merge(type, 1, Integer::sum);
                String path = (parent.isEmpty() ? "" : parent + "/") + type + (REPEATED.contains(type) || nth > 1
                        ? "[" + nth + "]" : "");
                out.add(new Box(path, pos, size));
                int children = switch (type) {
                    case "stsd" -> 16;
                    case "avc1", "hvc1", "encv" -> 86;
                    case "mp4a", "enca" -> 36;
                    default -> CONTAINERS.contains(type) ? 8 : -1;
                };
                if (children > 0) {
                    walk(f, pos + children, pos + size, path, out);
                }
                pos += size;
            }
        }

        private static final java.util.Set<String> REPEATED = java.util.Set.of("trak", "traf", "trun", "moof");

        /** The box at {@code path}, e.g. "moov/trak[2]/mdia/minf/stbl/stsz"; "[1]" may be left out but for trak/traf/trun/moof. */
        static Box find(byte[] file, String path) {
            for (Box b : walk(file)) {
                if (b.path().equals(path)) {
                    return b;
                }
            }
            TreeSet<String> known = new TreeSet<>();
            walk(file).forEach(b -> known.add(b.path()));
            throw new IllegalArgumentException("no box " + path + " (boxes: " + known + ")");
        }
    }
}
