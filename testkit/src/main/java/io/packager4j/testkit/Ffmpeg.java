package io.packager4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks media with ffmpeg and ffprobe, an independent reader, instead of our own parser.
 *
 * <p>Packet hashes ({@code -c copy -f framemd5}) compare the coded samples byte for byte, which
 * is what a packager must preserve (and what decryption must restore); decoded frame hashes
 * ({@code -f framemd5} with decoding) show that a stream decodes to the same pictures and sound.
 * Compare hash lists, not timestamps: for joined init + media segments ffmpeg may derive
 * timestamps differently from the source (B-frames, edit lists).
 *
 * <p>Segmented output is read as one stream: the init segment and the media segments are written
 * in order to ffmpeg's standard input ({@code -i pipe:0}). This is deliberate: ffmpeg 5.1 with
 * {@code -decryption_key} misreads sample encryption data when it seeks in a file of three or more
 * joined segments, and a pipe cannot be seeked.
 *
 * <p>Every run has a time limit ({@link #TIMEOUT}); failures carry the command and the tail of
 * ffmpeg's standard error.
 */
public final class Ffmpeg {

    /** Longest any single ffmpeg or ffprobe run may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern STREAM_SPEC = Pattern.compile("[vasdt](:\\d+)?|\\d+");
    private static final Pattern HEX_16_BYTES = Pattern.compile("[0-9a-fA-F]{32}");

    /** One stream as ffprobe sees it; fields that do not apply to the stream's type are {@code null}. */
    public record StreamInfo(int index, String codecType, String codecName, String profile, Integer width, Integer height,
                             Integer sampleRate, Integer channels, String language) {
    }

    private Ffmpeg() {
    }

    /**
     * MD5 of every coded packet of one stream, in decode order, read with {@code -c copy}.
     *
     * @param input            a media file ffmpeg can read
     * @param streamSpecifier  ffmpeg stream specifier within input 0, such as {@code "v:0"} or {@code "a:0"}
     */
    public static List<String> packetHashes(Path input, String streamSpecifier) {
        return packetHashes(input, streamSpecifier, null);
    }

    /** As {@link #packetHashes(Path, String)}, decrypting CENC with {@code decryptionKeyHex} (may be null). */
    public static List<String> packetHashes(Path input, String streamSpecifier, String decryptionKeyHex) {
        return framemd5(List.of(input.toString()), List.of(), streamSpecifier, decryptionKeyHex, true);
    }

    /**
     * MD5 of every coded packet of one stream of segments joined in order (an init segment then
     * media segments) and read through a pipe, optionally decrypting.
     *
     * @param segments          init segment first, then media segments in order
     * @param streamSpecifier   such as {@code "v:0"}
     * @param decryptionKeyHex  the CENC key as 32 hex digits, or {@code null} for clear content
     */
    public static List<String> packetHashes(List<Path> segments, String streamSpecifier, String decryptionKeyHex) {
        return framemd5(List.of("pipe:0"), segments, streamSpecifier, decryptionKeyHex, true);
    }

    /** MD5 of every decoded frame (video pictures or audio frames) of one stream. */
    public static List<String> decodedFrameHashes(Path input, String streamSpecifier) {
        return decodedFrameHashes(input, streamSpecifier, null);
    }

    /** As {@link #decodedFrameHashes(Path, String)}, decrypting CENC with {@code decryptionKeyHex} (may be null). */
    public static List<String> decodedFrameHashes(Path input, String streamSpecifier, String decryptionKeyHex) {
        return framemd5(List.of(input.toString()), List.of(), streamSpecifier, decryptionKeyHex, false);
    }

    /** MD5 of every decoded frame of one stream of segments joined in order and read through a pipe. */
    public static List<String> decodedFrameHashes(List<Path> segments, String streamSpecifier, String decryptionKeyHex) {
        return framemd5(List.of("pipe:0"), segments, streamSpecifier, decryptionKeyHex, false);
    }

    /**
     * The streams of a file as ffprobe reports them ({@code ffprobe -show_streams -of json}).
     */
    public static List<StreamInfo> ffprobeStreams(Path input) {
        requireFile(input);
        return parseStreams(run(List.of("ffprobe", "-v", "error", "-show_streams", "-of", "json", input.toString()), List.of())
                .stdoutText());
    }

    /** As {@link #ffprobeStreams(Path)}, for segments joined in order and read through a pipe. */
    public static List<StreamInfo> ffprobeStreams(List<Path> segments) {
        segments.forEach(Ffmpeg::requireFile);
        return parseStreams(run(List.of("ffprobe", "-v", "error", "-show_streams", "-of", "json", "-i", "pipe:0"), segments)
                .stdoutText());
    }

    /** One coded packet as ffprobe reads it: byte position in the input, size, and whether it is a key frame. */
    public record PacketInfo(long pos, long size, boolean keyFrame) {
    }

    /**
     * Where ffprobe finds each packet of one stream ({@code -show_entries packet=pos,size,flags}),
     * in decode order; the files are piped joined in order, so positions count from the first
     * file's first byte.
     */
    public static List<PacketInfo> packets(List<Path> files, String streamSpecifier) {
        files.forEach(Ffmpeg::requireFile);
        if (!STREAM_SPEC.matcher(streamSpecifier).matches()) {
            throw new IllegalArgumentException("bad stream specifier " + streamSpecifier);
        }
        String json = run(List.of("ffprobe", "-v", "error", "-select_streams", streamSpecifier,
                "-show_entries", "packet=pos,size,flags", "-of", "json", "-i", "pipe:0"), files).stdoutText();
        List<PacketInfo> packets = new ArrayList<>();
        for (Object o : MiniJson.list(MiniJson.obj(MiniJson.parse(json)).get("packets"))) {
            Map<String, Object> p = MiniJson.obj(o);
            String flags = MiniJson.str(p, "flags");
            packets.add(new PacketInfo(Long.parseLong(String.valueOf(MiniJson.str(p, "pos"))),
                    Long.parseLong(String.valueOf(MiniJson.str(p, "size"))), flags != null && flags.contains("K")));
        }
        return packets;
    }

    /**
     * A coded packet: byte position in the input (for piped segments, counted from the first file's
     * first byte), presentation time in seconds, and whether the container marks it a key frame.
     */
    public record PacketTime(long pos, double ptsTime, boolean keyFrame) {
    }

    /**
     * Position, presentation time and key-frame flag of every packet of one stream of a file, in
     * decode order ({@code ffprobe -show_entries packet=pos,pts_time,flags}).
     */
    public static List<PacketTime> packetTimes(Path input, String streamSpecifier) {
        requireFile(input);
        return packetTimes(List.of(input.toString()), List.of(), streamSpecifier);
    }

    /**
     * As {@link #packetTimes(Path, String)} for segments joined in order and piped (an init segment
     * then media segments): read as one stream, so the times are the presentation's own. (Read
     * alone, a media segment may be given other times: ffmpeg derives the shift of B-frame
     * composition offsets from the samples it has seen.)
     */
    public static List<PacketTime> packetTimes(List<Path> segments, String streamSpecifier) {
        segments.forEach(Ffmpeg::requireFile);
        return packetTimes(List.of("pipe:0"), segments, streamSpecifier);
    }

    private static List<PacketTime> packetTimes(List<String> input, List<Path> stdinFiles, String streamSpecifier) {
        if (!STREAM_SPEC.matcher(streamSpecifier).matches()) {
            throw new IllegalArgumentException("bad stream specifier " + streamSpecifier);
        }
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error", "-select_streams", streamSpecifier,
                "-show_entries", "packet=pos,pts_time,flags", "-of", "json"));
        for (String in : input) {
            cmd.addAll(List.of("-i", in));
        }
        String json = run(cmd, stdinFiles).stdoutText();
        List<PacketTime> packets = new ArrayList<>();
        for (Object o : MiniJson.list(MiniJson.obj(MiniJson.parse(json)).get("packets"))) {
            Map<String, Object> p = MiniJson.obj(o);
            String flags = MiniJson.str(p, "flags");
            String pos = MiniJson.str(p, "pos");
            packets.add(new PacketTime(pos == null ? -1 : Long.parseLong(pos), MiniJson.dbl(p, "pts_time", Double.NaN),
                    flags != null && flags.contains("K")));
        }
        return packets;
    }

    /**
     * A decoded picture: presentation time (seconds), whether the decoder calls it a key frame, its
     * type (I, P, B) and size.
     */
    public record DecodedFrame(double ptsTime, boolean keyFrame, String pictType, int width, int height) {
    }

    /**
     * Decodes one video stream of segments joined in order and piped into ffprobe (an init segment
     * then media segments), decrypting with {@code decryptionKeyHex} unless it is null, and lists
     * the pictures in presentation order as the decoder reports them ({@code -show_frames}). Fails
     * if ffprobe reports any error, so a picture that could not be decoded (a segment not starting
     * with a key frame, a wrong key) cannot pass unnoticed. Given one media segment after its init
     * segment, this shows whether the segment decodes on its own; for its times, see {@link
     * #packetTimes(List, String)}.
     */
    public static List<DecodedFrame> decodedFrames(List<Path> segments, String streamSpecifier, String decryptionKeyHex) {
        segments.forEach(Ffmpeg::requireFile);
        if (!STREAM_SPEC.matcher(streamSpecifier).matches()) {
            throw new IllegalArgumentException("bad stream specifier " + streamSpecifier);
        }
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        if (decryptionKeyHex != null) {
            if (!HEX_16_BYTES.matcher(decryptionKeyHex).matches()) {
                throw new IllegalArgumentException("decryption key must be 32 hex digits: " + decryptionKeyHex);
            }
            cmd.addAll(List.of("-decryption_key", decryptionKeyHex));
        }
        cmd.addAll(List.of("-select_streams", streamSpecifier,
                "-show_entries", "frame=pts_time,key_frame,pict_type,width,height", "-of", "json", "-i", "pipe:0"));
        ProcessRunner.Result r = run(cmd, segments);
        if (!r.stderr().isBlank()) {
            throw new AssertionError("ffprobe reported errors while decoding: " + String.join(" ", cmd)
                    + describeInputs(segments) + "\n--- stderr (tail) ---\n" + r.stderrTail());
        }
        List<DecodedFrame> frames = new ArrayList<>();
        for (Object o : MiniJson.list(MiniJson.obj(MiniJson.parse(r.stdoutText())).get("frames"))) {
            Map<String, Object> f = MiniJson.obj(o);
            Integer key = MiniJson.integer(f, "key_frame");
            Integer w = MiniJson.integer(f, "width");
            Integer h = MiniJson.integer(f, "height");
            frames.add(new DecodedFrame(MiniJson.dbl(f, "pts_time", Double.NaN), key != null && key == 1,
                    MiniJson.str(f, "pict_type"), w == null ? 0 : w, h == null ? 0 : h));
        }
        return frames;
    }

    /**
     * Each stream's duration in seconds as ffprobe reports it ({@code -show_streams}), in stream
     * index order; {@code NaN} where ffprobe gives none.
     */
    public static List<Double> ffprobeStreamDurations(Path input) {
        requireFile(input);
        String json = run(List.of("ffprobe", "-v", "error", "-show_streams", "-of", "json", input.toString()), List.of())
                .stdoutText();
        List<Double> durations = new ArrayList<>();
        for (Object o : MiniJson.list(MiniJson.obj(MiniJson.parse(json)).get("streams"))) {
            durations.add(MiniJson.dbl(MiniJson.obj(o), "duration", Double.NaN));
        }
        return durations;
    }

    /**
     * Decodes one stream of init + media segments piped into ffmpeg (optionally decrypting), and
     * returns how it went without asserting success: for checks that encrypted content does
     * <em>not</em> decode without its key. ffmpeg logs at level {@code error}, so any stderr
     * output is a decoding problem.
     */
    public static DecodeOutcome tryDecode(List<Path> segments, String streamSpecifier, String decryptionKeyHex) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error"));
        if (decryptionKeyHex != null) {
            cmd.addAll(List.of("-decryption_key", decryptionKeyHex));
        }
        cmd.addAll(List.of("-i", "pipe:0", "-map", "0:" + streamSpecifier, "-f", "null", "-"));
        segments.forEach(Ffmpeg::requireFile);
        ProcessRunner.Result r = ProcessRunner.run(cmd, null, TIMEOUT, segments, Map.of());
        return new DecodeOutcome(r.exitCode(), r.stderr());
    }

    /** How a decoding run ended: ffmpeg's exit code and its error output. */
    public record DecodeOutcome(int exitCode, String errors) {
        /** Exit 0 and nothing logged at level error. */
        public boolean clean() {
            return exitCode == 0 && errors.isBlank();
        }
    }

    /**
     * Runs ffmpeg with the given arguments (after {@code -hide_banner -nostdin -y}) and fails with
     * its stderr tail unless it exits 0; for making test media.
     */
    public static void run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y"));
        cmd.addAll(List.of(args));
        run(cmd, List.of());
    }

    private static List<String> framemd5(List<String> inputs, List<Path> stdinFiles, String streamSpecifier,
                                         String decryptionKeyHex, boolean packets) {
        Objects.requireNonNull(streamSpecifier, "streamSpecifier");
        if (!STREAM_SPEC.matcher(streamSpecifier).matches()) {
            throw new IllegalArgumentException("unsupported stream specifier " + streamSpecifier + " (use v:0, a:0, 0 ...)");
        }
        for (String in : inputs) {
            if (!in.equals("pipe:0")) {
                requireFile(Path.of(in));
            }
        }
        if (inputs.contains("pipe:0") && stdinFiles.isEmpty()) {
            throw new IllegalArgumentException("no segments given");
        }
        stdinFiles.forEach(Ffmpeg::requireFile);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-v", "error"));
        if (decryptionKeyHex != null) {
            if (!HEX_16_BYTES.matcher(decryptionKeyHex).matches()) {
                throw new IllegalArgumentException("decryption key must be 32 hex digits: " + decryptionKeyHex);
            }
            // An input option of the mov/mp4 demuxer, so it goes before -i.
            cmd.addAll(List.of("-decryption_key", decryptionKeyHex));
        }
        for (String in : inputs) {
            cmd.addAll(List.of("-i", in));
        }
        cmd.addAll(List.of("-map", "0:" + streamSpecifier));
        if (packets) {
            cmd.addAll(List.of("-c", "copy"));
        } else {
            // Bit-exact decoding output, so hashes do not depend on CPU features or threads.
            cmd.addAll(List.of("-flags", "+bitexact", "-fflags", "+bitexact"));
        }
        cmd.addAll(List.of("-f", "framemd5", "-"));
        ProcessRunner.Result r = run(cmd, stdinFiles);
        List<String> hashes = parseFramemd5(r.stdoutText());
        if (hashes.isEmpty()) {
            throw new AssertionError("ffmpeg found no " + (packets ? "packets" : "frames") + " for stream " + streamSpecifier
                    + ": " + String.join(" ", cmd) + describeInputs(stdinFiles) + "\n--- stderr (tail) ---\n" + r.stderrTail());
        }
        return hashes;
    }

    /** The hash is the sixth comma-separated field; side data may follow it on the same line. */
    static List<String> parseFramemd5(String text) {
        List<String> hashes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < 6) {
                throw new AssertionError("unexpected framemd5 line: " + line);
            }
            hashes.add(f[5].trim());
        }
        return hashes;
    }

    static List<StreamInfo> parseStreams(String json) {
        List<StreamInfo> streams = new ArrayList<>();
        for (Object o : MiniJson.list(MiniJson.obj(MiniJson.parse(json)).get("streams"))) {
            Map<String, Object> s = MiniJson.obj(o);
            Map<String, Object> tags = MiniJson.obj(s.get("tags"));
            Integer index = MiniJson.integer(s, "index");
            streams.add(new StreamInfo(index == null ? -1 : index,
                    MiniJson.str(s, "codec_type"),
                    MiniJson.str(s, "codec_name"),
                    MiniJson.str(s, "profile"),
                    MiniJson.integer(s, "width"),
                    MiniJson.integer(s, "height"),
                    MiniJson.integer(s, "sample_rate"),
                    MiniJson.integer(s, "channels"),
                    MiniJson.str(tags, "language")));
        }
        return streams;
    }

    private static ProcessRunner.Result run(List<String> cmd, List<Path> stdinFiles) {
        ProcessRunner.Result r = ProcessRunner.run(cmd, null, TIMEOUT, stdinFiles, Map.of());
        if (r.exitCode() != 0) {
            throw new AssertionError(cmd.get(0) + " failed (exit " + r.exitCode() + "): " + String.join(" ", cmd)
                    + describeInputs(stdinFiles) + "\n--- stderr (tail) ---\n" + r.stderrTail());
        }
        return r;
    }

    private static String describeInputs(List<Path> stdinFiles) {
        if (stdinFiles.isEmpty()) {
            return "";
        }
        return "\n  piped input: " + stdinFiles.size() + " files: " + stdinFiles.get(0)
                + (stdinFiles.size() > 1 ? " ... " + stdinFiles.get(stdinFiles.size() - 1) : "");
    }

    private static void requireFile(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("no such file: " + p);
        }
    }
}
