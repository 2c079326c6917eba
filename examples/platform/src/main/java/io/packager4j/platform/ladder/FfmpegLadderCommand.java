package io.packager4j.platform.ladder;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg arguments that make a whole ladder in one run: the source is decoded once, its first
 * video track split and scaled to every rung, each rung encoded to its own MP4 with H.264, and the
 * first audio track encoded once to AAC beside them.
 *
 * <p>What makes the renditions packageable as one adaptation set is that their keyframes fall on
 * the same frames: every encoder is forced to start a new closed GOP (an IDR frame) at the first
 * frame at or after each multiple of the segment duration, and scene-cut detection is off so no
 * encoder adds keyframes of its own where the picture changes. All rungs see the same frames with
 * the same timestamps (one decoder, one split), so they cut at the same instants, and the packager
 * cuts every representation there.
 *
 * <p>Arguments are a list, never a shell string; every path is one the platform made from ids, and
 * is passed as a {@code file:} URL so no name is ever taken for an option or another protocol.
 */
public final class FfmpegLadderCommand {

    /** x264's speed/quality trade-off: fast enough for a 2-core machine, far better than ultrafast. */
    static final String PRESET = "veryfast";
    static final String AUDIO_BITRATE = "128k";

    private FfmpegLadderCommand() {
    }

    /**
     * Everything after the executable's name.
     *
     * @param source  the input file
     * @param ladder  the rungs to make (each becomes {@code outDir/}{@link Ladder.Rung#fileName()})
     * @param audio   whether the source has audio to encode into {@code outDir/}{@link Ladder#AUDIO_FILE}
     * @param segment the packaging segment duration: keyframes are forced on its multiples
     * @param outDir  an existing, empty directory for the outputs
     */
    public static List<String> arguments(Path source, Ladder ladder, boolean audio, Duration segment, Path outDir) {
        List<String> args = new ArrayList<>(List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error", "-nostats",
                // key=value progress blocks on standard output (see FfmpegProgress); errors stay on stderr.
                "-progress", "pipe:1",
                "-i", fileUrl(source),
                "-filter_complex", filterGraph(ladder)));
        String keyframes = "expr:gte(t,n_forced*" + seconds(segment) + ")";
        List<Ladder.Rung> rungs = ladder.rungs();
        for (int i = 0; i < rungs.size(); i++) {
            Ladder.Rung rung = rungs.get(i);
            long bitrate = rung.videoBitrate();
            args.addAll(List.of(
                    "-map", "[v" + i + "]",
                    "-map_metadata", "-1", "-map_chapters", "-1",
                    "-c:v", "libx264", "-preset", PRESET, "-profile:v", "high", "-pix_fmt", "yuv420p",
                    // Capped VBR: the target on average, bounded peaks for steady ABR bandwidth estimates.
                    "-b:v", Long.toString(bitrate), "-maxrate", Long.toString(bitrate * 11 / 10),
                    "-bufsize", Long.toString(bitrate * 2),
                    "-force_key_frames", keyframes, "-sc_threshold", "0",
                    fileUrl(outDir.resolve(rung.fileName()))));
        }
        if (audio) {
            args.addAll(List.of(
                    "-map", "0:a:0",
                    "-map_metadata", "-1", "-map_chapters", "-1",
                    "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ac", "2",
                    fileUrl(outDir.resolve(Ladder.AUDIO_FILE))));
        }
        return args;
    }

    /**
     * {@code [0:v:0]split=2[s0][s1];[s0]scale=w=round(360*dar/2)*2:h=360,setsar=1[v0];...}: the
     * width is the height times the source's display aspect ratio ({@code dar}, which includes a
     * non-square sample aspect ratio), rounded to an even number; the output has square pixels.
     */
    static String filterGraph(Ladder ladder) {
        List<Ladder.Rung> rungs = ladder.rungs();
        StringBuilder g = new StringBuilder("[0:v:0]split=").append(rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            g.append("[s").append(i).append(']');
        }
        for (int i = 0; i < rungs.size(); i++) {
            int h = rungs.get(i).height();
            g.append(";[s").append(i).append("]scale=w=round(").append(h).append("*dar/2)*2:h=").append(h)
                    .append(",setsar=1[v").append(i).append(']');
        }
        return g.toString();
    }

    /** {@code 4}, {@code 2.5}: ffmpeg's expression parser takes plain decimals. */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
    }

    private static String fileUrl(Path p) {
        return "file:" + p.toAbsolutePath();
    }
}
