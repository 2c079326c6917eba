package io.packager4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Small synthetic MP4 clips for tests, made with ffmpeg on first use and cached.
 *
 * <p>Every clip is generated from ffmpeg's {@code testsrc2} video source (moving patterns and a
 * frame counter, so no two frames are alike) and its {@code sine} audio source, with fixed
 * arguments and bit-exact flags: the same ffmpeg build always writes byte-identical files. The
 * media clips are 6&ndash;8 seconds long and well under 1 MB.
 *
 * <p>Files go to {@code target/test-clips} under the current directory (which is the module's
 * directory when Maven runs its tests); the directory is created when needed. A clip's file name
 * carries a hash of the ffmpeg arguments that made it, so changing a recipe here never picks up a
 * stale file from an older recipe. Each method is idempotent and safe to call from test classes
 * running concurrently in one JVM (a per-file lock), and also from several JVMs (each writes to a
 * temporary name and atomically renames it into place).
 *
 * <p>ffmpeg is taken from the {@code PATH}, or from the system property {@code packager4j.ffmpeg}.
 * When it cannot be started, the methods throw an {@link AssertionError} saying
 * {@value #FFMPEG_MISSING}.
 *
 * <p>Not provided: <b>HE-AAC</b>. ffmpeg's native {@code aac} encoder only writes AAC-LC (and the
 * Main/LTP object types), never SBR or PS; HE-AAC needs {@code libfdk_aac}, which Debian's ffmpeg
 * is not built with (it is not redistributable), so there is no {@code heAac()} clip.
 */
public final class TestClips {

    /** The message of the {@link AssertionError} thrown when ffmpeg cannot be run. */
    public static final String FFMPEG_MISSING = "ffmpeg is required for this test (scripts/test.sh installs it)";

    /** Clips without audio-specific frequencies use this tone. */
    private static final int DEFAULT_TONE_HZ = 440;

    /** Length of the single-rendition clips, in seconds. */
    private static final int CLIP_SECONDS = 6;

    /** Length of the ladder renditions: four 2-second GOPs at 24 fps. */
    private static final int LADDER_SECONDS = 8;

    /** Generous: the slowest clip takes about one second on a laptop. */
    private static final long FFMPEG_TIMEOUT_SECONDS = 120;

    /** One lock per output file, so different clips can be generated in parallel. */
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private static volatile boolean ffmpegChecked;

    private TestClips() {
    }

    /** The cache directory, {@code target/test-clips} resolved against the current directory (not created here). */
    public static Path cacheDir() {
        return Path.of("target", "test-clips").toAbsolutePath().normalize();
    }

    // ---------------------------------------------------------------------------------------------
    // Clips

    /**
     * H.264 High 320x240 at 25 fps with B-frames ({@code -bf 2}) and a fixed 25-frame GOP (one IDR
     * per second, no scene-cut keyframes), plus AAC-LC stereo 48 kHz; 6 s, moov after mdat.
     *
     * <p>Because of the B-frames, the video track's edit list skips the composition delay
     * (media_time = 2 frames = 1024 in the 12800 Hz track timescale), and the audio track's edit
     * list skips the AAC encoder's 1024 priming samples.
     */
    public static Path bFrames() {
        return clip("b-frames", avArgs(320, 240, List.of()));
    }

    /**
     * A clip whose audio starts 0.5 s after its video, with explicit edit lists on both tracks:
     * H.264 High 320x240 25 fps with B-frames (GOP 25) plus AAC-LC stereo 48 kHz; 6 s.
     *
     * <p>What ffmpeg 5.1 writes (checked by {@code TestClipsTest}):
     * <ul>
     *   <li>video {@code elst}: one edit with a <b>non-zero media_time</b> (1024 in the 12800 Hz
     *       timescale = 2 frames, the B-frame composition delay);</li>
     *   <li>audio {@code elst}: an <b>empty edit</b> (media_time -1) of 478 ms (movie timescale
     *       1000), followed by an edit with media_time 0. The empty edit is 0.5 s minus the AAC
     *       encoder's 1024-sample priming (21.3 ms): ffmpeg starts the audio media at the first
     *       priming sample, so the audible tone begins exactly at 0.5 s.</li>
     * </ul>
     */
    public static Path editList() {
        List<String> args = new ArrayList<>();
        args.addAll(testsrc2(320, 240, 25, CLIP_SECONDS));
        // -itsoffset delays every timestamp of the input that follows it.
        args.addAll(List.of("-itsoffset", "0.5"));
        args.addAll(sine(DEFAULT_TONE_HZ, CLIP_SECONDS - 0.5));
        args.addAll(List.of("-map", "0:v", "-map", "1:a"));
        args.addAll(x264(25, 2, 28));
        args.addAll(aac());
        return clip("edit-list", args);
    }

    /**
     * A progressive MP4 with the moov box after the mdat box (ffmpeg's default layout): H.264 High
     * 320x240 25 fps, B-frames, GOP 25, plus AAC-LC stereo 48 kHz; 6 s. Same encoded samples as
     * {@link #moovAtStart()} and {@link #fragmented()}.
     */
    public static Path moovAtEnd() {
        return clip("moov-at-end", avArgs(320, 240, List.of()));
    }

    /**
     * The same media as {@link #moovAtEnd()}, but with the moov box before the mdat box
     * ({@code -movflags +faststart}).
     */
    public static Path moovAtStart() {
        return clip("moov-at-start", avArgs(320, 240, List.of("-movflags", "+faststart")));
    }

    /**
     * A fragmented MP4 of the same media as {@link #moovAtEnd()}: an empty moov (with mvex), then
     * one moof+mdat per 1-second GOP carrying both tracks, with base-data-offset relative to the
     * moof ({@code -movflags +frag_keyframe+empty_moov+default_base_moof}), and ffmpeg's mfra index
     * at the end.
     */
    public static Path fragmented() {
        return clip("fragmented",
                avArgs(320, 240, List.of("-movflags", "+frag_keyframe+empty_moov+default_base_moof")));
    }

    /**
     * Three video-only H.264 High renditions of the same 854x480 24 fps source, scaled to 426x240,
     * 640x360 and 854x480 (in that order); 8 s each, with identical keyframes every 48 frames (at
     * 0, 2, 4 and 6 s): {@code -g 48}, {@code -sc_threshold 0} and the same
     * {@code -force_key_frames}. Pair with {@link #ladderAudio()}.
     */
    public static List<Path> ladder() {
        return List.of(
                ladderRendition("ladder-240p", 426, 240, 48),
                ladderRendition("ladder-360p", 640, 360, 48),
                ladderRendition("ladder-480p", 854, 480, 48));
    }

    /** An audio-only MP4 for {@link #ladder()}: AAC-LC stereo 48 kHz 440 Hz tone, 8 s. */
    public static Path ladderAudio() {
        List<String> args = new ArrayList<>(sine(DEFAULT_TONE_HZ, LADDER_SECONDS));
        args.addAll(aac());
        return clip("ladder-audio", args);
    }

    /**
     * Two video-only renditions of the same source whose keyframes do not align: 426x240 with a
     * 48-frame GOP (keyframes at 0, 2, 4, 6 s) and 640x360 with a 37-frame GOP (keyframes at 0,
     * 1.54, 3.08, 4.63, 6.17, 7.71 s); 24 fps, 8 s, {@code -sc_threshold 0}. Only the first
     * keyframe is shared.
     */
    public static List<Path> misalignedLadder() {
        return List.of(
                ladderRendition("misaligned-240p-gop48", 426, 240, 48),
                ladderRendition("misaligned-360p-gop37", 640, 360, 37));
    }

    /**
     * H.264 High 320x240 25 fps plus two AAC-LC stereo tracks: the first tagged {@code eng}
     * (440 Hz tone), the second {@code fra} (880 Hz tone); 6 s.
     */
    public static Path twoAudioLanguages() {
        List<String> args = new ArrayList<>();
        args.addAll(testsrc2(320, 240, 25, CLIP_SECONDS));
        args.addAll(sine(440, CLIP_SECONDS));
        args.addAll(sine(880, CLIP_SECONDS));
        args.addAll(List.of("-map", "0:v", "-map", "1:a", "-map", "2:a"));
        args.addAll(x264(25, 2, 28));
        args.addAll(aac());
        args.addAll(List.of("-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fra"));
        return clip("two-audio-languages", args);
    }

    /**
     * HEVC Main 320x240 25 fps (libx265, sample entry {@code hvc1}, closed GOPs of 25 frames, no
     * scene-cut keyframes, B-frames) plus AAC-LC stereo 48 kHz; 6 s.
     */
    public static Path hevc() {
        List<String> video = List.of("-c:v", "libx265", "-preset", "fast", "-crf", "30",
                // No thread pool and one frame thread, so the output never depends on thread timing.
                // Closed GOPs: open-GOP CRA pictures would make segment starts undecodable alone.
                "-x265-params",
                "log-level=error:pools=none:frame-threads=1:keyint=25:min-keyint=25:scenecut=0:open-gop=0",
                "-tag:v", "hvc1", "-pix_fmt", "yuv420p");
        List<String> args = new ArrayList<>();
        args.addAll(testsrc2(320, 240, 25, CLIP_SECONDS));
        args.addAll(sine(DEFAULT_TONE_HZ, CLIP_SECONDS));
        args.addAll(List.of("-map", "0:v", "-map", "1:a"));
        args.addAll(video);
        args.addAll(aac());
        return clip("hevc", args);
    }

    /** H.264 High 320x240 25 fps plus AC-3 stereo 48 kHz 192 kbit/s (sample entry {@code ac-3}); 6 s. */
    public static Path ac3() {
        return clip("ac3", videoPlusAudio(List.of("-c:a", "ac3", "-b:a", "192k", "-ac", "2")));
    }

    /** H.264 High 320x240 25 fps plus E-AC-3 stereo 48 kHz 192 kbit/s (sample entry {@code ec-3}); 6 s. */
    public static Path eac3() {
        return clip("eac3", videoPlusAudio(List.of("-c:a", "eac3", "-b:a", "192k", "-ac", "2")));
    }

    /**
     * H.264 High 320x240 25 fps plus Opus stereo 48 kHz (libopus, sample entry {@code Opus});
     * 6 s. ffmpeg 5.1 muxes Opus into MP4 without {@code -strict -2}.
     */
    public static Path opusAudio() {
        return clip("opus", videoPlusAudio(List.of("-c:a", "libopus", "-b:a", "96k", "-ac", "2")));
    }

    /**
     * MPEG-4 Part 2 video (ffmpeg's {@code mpeg4} encoder, sample entry {@code mp4v}) 320x240
     * 25 fps plus AAC-LC; 6 s. The packager must refuse it with an error naming the codec.
     */
    public static Path unsupportedCodec() {
        List<String> args = new ArrayList<>();
        args.addAll(testsrc2(320, 240, 25, CLIP_SECONDS));
        args.addAll(sine(DEFAULT_TONE_HZ, CLIP_SECONDS));
        args.addAll(List.of("-map", "0:v", "-map", "1:a",
                "-c:v", "mpeg4", "-b:v", "300k", "-g", "25", "-pix_fmt", "yuv420p"));
        args.addAll(aac());
        return clip("mpeg4-part2", args);
    }

    /** A plain text file named {@code .mp4}: not an ISO BMFF file at all. Needs no ffmpeg. */
    public static Path notAnMp4() {
        byte[] text = ("This is a text file, not an MP4.\n"
                + "packager4j tests use it to check that non-MP4 input is refused cleanly.\n")
                .getBytes(StandardCharsets.US_ASCII);
        return derived("not-an-mp4-" + shortHash(List.of(new String(text, StandardCharsets.US_ASCII))) + ".mp4",
                () -> text);
    }

    /**
     * The first 60% of the bytes of {@link #moovAtEnd()}: ftyp and part of the mdat, with the
     * mdat box's declared size running past the end of the file, and no moov at all.
     */
    public static Path truncated() {
        Path source = moovAtEnd();
        String name = "truncated-" + stripExtension(source.getFileName().toString()) + ".mp4";
        return derived(name, () -> {
            byte[] all = Files.readAllBytes(source);
            return Arrays.copyOf(all, (int) (all.length * 0.6));
        });
    }

    /**
     * H.264 High 352x288 25 fps with a 12:11 sample aspect ratio ({@code -vf setsar=12/11}, so a
     * 4:3 display aspect ratio; ffmpeg writes it in the SPS VUI and a {@code pasp} box), plus
     * AAC-LC stereo; 6 s.
     */
    public static Path sarNonSquare() {
        return clip("sar-12-11", avArgs(352, 288, List.of("-vf", "setsar=12/11")));
    }

    // ---------------------------------------------------------------------------------------------
    // Recipes

    /** The common audio/video recipe: testsrc2 + 440 Hz tone, x264 High B-frames GOP 25, AAC-LC. */
    private static List<String> avArgs(int width, int height, List<String> extra) {
        List<String> args = new ArrayList<>();
        args.addAll(testsrc2(width, height, 25, CLIP_SECONDS));
        args.addAll(sine(DEFAULT_TONE_HZ, CLIP_SECONDS));
        args.addAll(List.of("-map", "0:v", "-map", "1:a"));
        args.addAll(x264(25, 2, 28));
        args.addAll(aac());
        args.addAll(extra);
        return args;
    }

    /** testsrc2 320x240 25 fps in x264 with the given audio encoder arguments. */
    private static List<String> videoPlusAudio(List<String> audioCodec) {
        List<String> args = new ArrayList<>();
        args.addAll(testsrc2(320, 240, 25, CLIP_SECONDS));
        args.addAll(sine(DEFAULT_TONE_HZ, CLIP_SECONDS));
        args.addAll(List.of("-map", "0:v", "-map", "1:a"));
        args.addAll(x264(25, 2, 28));
        args.addAll(audioCodec);
        return args;
    }

    private static Path ladderRendition(String name, int width, int height, int gop) {
        List<String> args = new ArrayList<>();
        // Always the same 854x480 source, scaled: the renditions show the same picture.
        args.addAll(testsrc2(854, 480, 24, LADDER_SECONDS));
        args.addAll(List.of("-map", "0:v", "-vf", "scale=" + width + ":" + height));
        args.addAll(x264(gop, 2, 30));
        // -g alone lets x264 place keyframes where it likes within the limit; forcing them by frame
        // number makes their positions identical across renditions by construction.
        args.addAll(List.of("-force_key_frames", "expr:eq(mod(n," + gop + "),0)"));
        return clip(name, args);
    }

    private static List<String> testsrc2(int width, int height, int fps, int seconds) {
        return List.of("-f", "lavfi", "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ":duration=" + seconds);
    }

    private static List<String> sine(int hz, double seconds) {
        return List.of("-f", "lavfi", "-i",
                "sine=frequency=" + hz + ":sample_rate=48000:duration=" + seconds);
    }

    /** x264 High with a fixed GOP, no scene-cut keyframes, single-threaded for repeatable output. */
    private static List<String> x264(int gop, int bFrames, int crf) {
        return List.of("-c:v", "libx264", "-profile:v", "high", "-preset", "veryfast",
                "-crf", String.valueOf(crf), "-threads", "1",
                "-bf", String.valueOf(bFrames),
                "-g", String.valueOf(gop), "-keyint_min", String.valueOf(gop), "-sc_threshold", "0",
                "-pix_fmt", "yuv420p");
    }

    private static List<String> aac() {
        return List.of("-c:a", "aac", "-b:a", "96k", "-ac", "2", "-ar", "48000");
    }

    // ---------------------------------------------------------------------------------------------
    // Generation and caching

    /** Runs ffmpeg with {@code args} (inputs, mapping, codecs) into a cached MP4 named after {@code name}. */
    private static Path clip(String name, List<String> args) {
        Path target = cacheDir().resolve(name + "-" + shortHash(args) + ".mp4");
        return cached(target, tmp -> runFfmpeg(args, tmp));
    }

    /** Writes {@code content} into a cached file named {@code fileName}. */
    private static Path derived(String fileName, BytesSupplier content) {
        return cached(cacheDir().resolve(fileName), tmp -> Files.write(tmp, content.get()));
    }

    private static Path cached(Path target, Writer writer) {
        // Files only ever appear under their final name through an atomic rename, so an existing
        // file is always complete and needs no lock.
        if (Files.isRegularFile(target)) {
            return target;
        }
        synchronized (LOCKS.computeIfAbsent(target, p -> new Object())) {
            if (Files.isRegularFile(target)) {
                return target;
            }
            Path tmp = null;
            try {
                Files.createDirectories(target.getParent());
                // Named, not created: Files.createTempFile would make it owner-only (0600), and
                // the clips may be served to a player running as another user.
                tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
                writer.write(tmp);
                moveIntoPlace(tmp, target);
                return target;
            } catch (IOException e) {
                throw new AssertionError("could not create test clip " + target + ": " + e, e);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // Only litter in target/; the clip itself is fine or the error is already thrown.
                    }
                }
            }
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; another JVM writing the
            // same bytes at the same moment is the worst case.
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void runFfmpeg(List<String> args, Path output) throws IOException {
        requireFfmpeg();
        List<String> command = new ArrayList<>();
        command.add(ffmpegExecutable());
        command.addAll(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(args);
        // Bit-exact: no encoder version strings or creation times, so the bytes are repeatable.
        command.addAll(List.of("-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
                "-map_metadata", "-1"));
        // The temporary name does not end in .mp4, so the muxer is named explicitly.
        command.addAll(List.of("-f", "mp4", output.toString()));

        Path log = output.resolveSibling(output.getFileName() + ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(FFMPEG_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
                throw new AssertionError("ffmpeg did not finish within " + FFMPEG_TIMEOUT_SECONDS + " s: "
                        + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("ffmpeg failed (exit " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running ffmpeg", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Throws {@link AssertionError} with {@link #FFMPEG_MISSING} unless {@code ffmpeg -version} runs. */
    private static void requireFfmpeg() {
        if (ffmpegChecked) {
            return;
        }
        try {
            Process process = new ProcessBuilder(ffmpegExecutable(), "-version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(FFMPEG_MISSING + ": '" + ffmpegExecutable() + " -version' hung");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(FFMPEG_MISSING + ": '" + ffmpegExecutable() + " -version' exited "
                        + process.exitValue());
            }
        } catch (IOException e) {
            throw new AssertionError(FFMPEG_MISSING, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(FFMPEG_MISSING + " (interrupted while checking for it)", e);
        }
        ffmpegChecked = true;
    }

    private static String ffmpegExecutable() {
        String configured = System.getProperty("packager4j.ffmpeg");
        return configured == null || configured.isBlank() ? "ffmpeg" : configured;
    }

    private static String shortHash(List<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                // A separator, so ["ab","c"] and ["a","bc"] hash differently.
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    @FunctionalInterface
    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    @FunctionalInterface
    private interface BytesSupplier {
        byte[] get() throws IOException;
    }
}
