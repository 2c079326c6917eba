package io.packager4j.crypto.subsample;

import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.TestClips;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Short clips made with ffmpeg that reach slice header syntax the shared files do not: CAVLC with
 * several slices per picture, interlaced (MBAFF) coding, explicit weighted prediction, 4:4:4 and
 * monochrome chroma, 10-bit video, parameter sets sent in band ({@code avc3}, {@code hev1}), HEVC
 * open GOPs (CRA and RASL pictures), slices without wavefronts, SAO or deblocking.
 * Cached under {@code target/test-clips} by a hash of the arguments.
 */
final class TraceClips {

    private static final List<String> SOURCE =
            List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2");
    /** Fading in and out makes the encoders use explicit weighted prediction (pred_weight_table). */
    private static final List<String> FADING_SOURCE = List.of("-f", "lavfi", "-i",
            "testsrc2=size=320x240:rate=25:duration=2,fade=t=in:st=0:d=1,fade=t=out:st=1:d=1");

    private static final Map<String, List<String>> CLIPS = new LinkedHashMap<>();

    static {
        CLIPS.put("h264-cavlc-3-slices", with(SOURCE, "-c:v", "libx264", "-profile:v", "baseline",
                "-x264-params", "slices=3:keyint=25", "-pix_fmt", "yuv420p"));
        CLIPS.put("h264-mbaff", with(SOURCE, "-c:v", "libx264", "-profile:v", "high", "-flags", "+ilme+ildct",
                "-x264-params", "interlaced=1:bframes=2:keyint=25", "-pix_fmt", "yuv420p"));
        CLIPS.put("h264-weighted-pyramid-2-slices", with(SOURCE, "-c:v", "libx264", "-profile:v", "high",
                "-x264-params", "ref=4:bframes=3:b-pyramid=normal:weightp=2:slices=2:keyint=25", "-pix_fmt", "yuv420p"));
        CLIPS.put("h264-gray-fade", with(FADING_SOURCE, "-c:v", "libx264", "-pix_fmt", "gray",
                "-x264-params", "weightp=2:bframes=2:keyint=25"));
        CLIPS.put("h264-444", with(SOURCE, "-c:v", "libx264", "-pix_fmt", "yuv444p",
                "-x264-params", "weightp=2:bframes=2:keyint=25"));
        CLIPS.put("h264-avc3-in-band", with(SOURCE, "-c:v", "libx264", "-tag:v", "avc3",
                "-x264-params", "repeat-headers=1:keyint=25", "-pix_fmt", "yuv420p"));
        CLIPS.put("hevc-hev1-in-band-open-gop", with(SOURCE, "-c:v", "libx265", "-tag:v", "hev1", "-x265-params",
                "log-level=error:repeat-headers=1:slices=2:weightp=1:weightb=1:bframes=3:keyint=25:open-gop=1",
                "-pix_fmt", "yuv420p"));
        CLIPS.put("hevc-no-wpp-sao-deblock", with(SOURCE, "-c:v", "libx265", "-x265-params",
                "log-level=error:wpp=0:sao=0:no-deblock=1:ref=4:bframes=4:b-pyramid=1", "-pix_fmt", "yuv420p"));
        CLIPS.put("hevc-444-10bit-fade", with(FADING_SOURCE, "-c:v", "libx265", "-x265-params", "log-level=error:weightp=1",
                "-pix_fmt", "yuv444p10le"));
        CLIPS.put("h264-fade-weighted", with(FADING_SOURCE, "-c:v", "libx264", "-x264-params",
                "weightp=2:bframes=3:ref=3:keyint=25", "-pix_fmt", "yuv420p"));
        CLIPS.put("hevc-fade-weighted", with(FADING_SOURCE, "-c:v", "libx265", "-x265-params",
                "log-level=error:weightp=1:weightb=1:bframes=3:keyint=25", "-pix_fmt", "yuv420p"));
        CLIPS.put("hevc-gray-fade", with(FADING_SOURCE, "-c:v", "libx265", "-x265-params", "log-level=error:weightp=1:weightb=1",
                "-pix_fmt", "gray"));
    }

    private TraceClips() {
    }

    private static List<String> with(List<String> source, String... codecArgs) {
        List<String> args = new ArrayList<>(source);
        args.addAll(List.of(codecArgs));
        return List.copyOf(args);
    }

    static List<Path> all() {
        List<Path> paths = new ArrayList<>();
        for (String name : CLIPS.keySet()) {
            paths.add(get(name));
        }
        return paths;
    }

    static List<String> names() {
        return List.copyOf(CLIPS.keySet());
    }

    static synchronized Path get(String name) {
        List<String> spec = CLIPS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no clip " + name);
        }
        List<String> args = new ArrayList<>(spec);
        Path target = TestClips.cacheDir().resolve("subsample-" + name + "-"
                + Integer.toHexString(args.hashCode()) + ".mp4");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(target.getParent());
            args.addAll(List.of("-f", "mp4", tmp.toString()));
            Ffmpeg.run(args.toArray(String[]::new));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new AssertionError("could not make clip " + target + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Litter in target/ only.
            }
        }
    }
}
