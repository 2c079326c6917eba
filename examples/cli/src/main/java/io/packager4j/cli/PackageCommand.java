package io.packager4j.cli;

import io.packager4j.Packager;
import io.packager4j.PackagingException;
import io.packager4j.PackagingResult;
import io.packager4j.RepresentationResult;
import io.packager4j.SubtitleResult;
import io.packager4j.core.cmaf.KeyframeAlignment;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.crypto.Encryption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code packager4j package --input A.mp4 [--input B.mp4 ...] --output DIR}. */
@Command(name = "package",
        mixinStandardHelpOptions = true,
        description = {"Packages MP4 inputs into one MPEG-DASH presentation: DIR/manifest.mpd plus CMAF segments",
                "(and with --hls also DIR/master.m3u8, HLS over the same segments).",
                "Every audio and video track of every input becomes a representation.",
                "Video renditions must have aligned keyframes.",
                "With --key and --kid the segments are encrypted (MPEG Common Encryption, cenc or cbcs)."},
        sortOptions = false)
final class PackageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
            description = "An input MP4 file (repeat for an ABR ladder and separate audio files).")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "The output directory; created, and must not exist or be empty unless --overwrite.")
    Path output;

    @Option(names = "--segment-duration", paramLabel = "SECONDS", defaultValue = "4",
            description = "Target segment duration in seconds (default: ${DEFAULT-VALUE}).")
    double segmentDuration;

    @Option(names = "--profile", paramLabel = "live|on-demand", defaultValue = "live",
            description = "live: SegmentTemplate with numbered segment files (default); on-demand: one file per representation with sidx.")
    String profile;

    @Option(names = "--allow-misaligned-keyframes",
            description = "Warn instead of failing when video renditions' keyframes do not align.")
    boolean allowMisaligned;

    @Option(names = "--overwrite", description = "Replace a non-empty output directory once the new output is complete.")
    boolean overwrite;

    @Mixin
    EncryptionOptions encryption = new EncryptionOptions();

    @Mixin
    HlsCliOptions hls = new HlsCliOptions();

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Log what the packager does (to stderr).")
    boolean verbose;

    @Override
    public Integer call() throws PackagingException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (!(segmentDuration > 0) || segmentDuration > 3600) {
            throw new ParameterException(spec.commandLine(),
                    "--segment-duration must be between 0 and 3600 seconds, not " + segmentDuration);
        }
        Encryption encryptionConfig = encryption.toEncryption(spec.commandLine());
        Packager.Builder builder = Packager.builder()
                .inputs(inputs)
                .output(output)
                .segmentDuration(Duration.ofNanos(Math.round(segmentDuration * 1e9)))
                .profile(parseProfile())
                .keyframeAlignment(allowMisaligned ? KeyframeAlignment.WARN : KeyframeAlignment.STRICT)
                .overwrite(overwrite)
                .encryption(encryptionConfig)
                .decryptionKeys(encryption.toDecryptionKeys(spec.commandLine()));
        hls.apply(builder, spec.commandLine(), encryptionConfig != null);
        ProgressBar bar = null;
        if (!quiet && Terminal.isInteractive()) {
            bar = new ProgressBar(err);
            builder.progressListener(bar);
        }
        PackagingResult result;
        try {
            result = builder.build().run();
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        if (!quiet) {
            printSummary(out, result);
        }
        return 0;
    }

    private OutputProfile parseProfile() {
        return switch (profile.toLowerCase(Locale.ROOT)) {
            case "live" -> OutputProfile.LIVE;
            case "on-demand", "ondemand" -> OutputProfile.ON_DEMAND;
            default -> throw new ParameterException(spec.commandLine(),
                    "--profile must be 'live' or 'on-demand', not '" + profile + "'");
        };
    }

    private static void printSummary(PrintWriter out, PackagingResult result) {
        out.printf(Locale.ROOT, "wrote %s (%.3f s, %s profile)%n", result.manifest(), result.durationSeconds(),
                result.profile() == OutputProfile.LIVE ? "live" : "on-demand");
        if (result.hlsPlaylist() != null) {
            out.printf(Locale.ROOT, "wrote %s (HLS over the same segments)%n", result.hlsPlaylist());
        }
        for (RepresentationResult r : result.representations()) {
            String picture = r.width() > 0 ? r.width() + "x" + r.height() : "";
            out.printf(Locale.ROOT, "  %-14s %-18s %9d bit/s %-9s %4d segments %10d bytes%n",
                    r.id(), r.codecs(), r.bandwidth(), picture, r.segmentCount(), r.bytes());
        }
        for (SubtitleResult s : result.subtitles()) {
            out.printf(Locale.ROOT, "  %-14s %-18s %9s %-9s %4d segments %10d bytes%n",
                    s.id(), "text/vtt", "", s.language(), 1, s.bytes());
        }
        out.flush();
    }
}
