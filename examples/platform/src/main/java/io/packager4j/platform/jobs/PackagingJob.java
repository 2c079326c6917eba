package io.packager4j.platform.jobs;

import io.packager4j.MediaInfo;
import io.packager4j.MediaProbe;
import io.packager4j.PackagingException;
import io.packager4j.core.media.TrackKind;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.platform.DataLayout;
import io.packager4j.platform.FileTrees;
import io.packager4j.platform.keys.KeyVault;
import io.packager4j.platform.ladder.Ladder;
import io.packager4j.platform.ladder.Transcoder;
import io.packager4j.platform.license.ClearKeyLicenseEndpoint;
import io.packager4j.platform.metrics.PlatformMetrics;
import io.packager4j.platform.store.PackageStatus;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Packages one {@link PackagedContent}: fragment → encrypt → DASH and HLS → publish, recording each step's
 * status. Safe to run again on the same package after a crash at any point: finished steps are
 * skipped (their outputs appear atomically), and the presentation is published by one atomic rename
 * of a complete directory, so a client never sees half of one.
 *
 * <p>A package with a {@link Ladder} is first transcoded by ffmpeg into its renditions and one AAC
 * track (progress 0–50 %, status still Ingested); the renditions are written into a temporary
 * directory renamed into place when ffmpeg has finished, so a resumed job either finds them all or
 * makes them again. The presentation then holds every rendition in one video adaptation set, and
 * the download (the fragment and encrypt steps) is the tallest rendition with the audio.
 */
public final class PackagingJob {

    private static final Logger LOG = LoggerFactory.getLogger(PackagingJob.class);

    static final String FRAGMENTED = "fragmented.mp4";
    static final String ENCRYPTED = "encrypted.mp4";
    static final String PRESENTATION = "presentation";
    static final String RENDITIONS = "renditions";
    private static final String PARTIAL = ".part";
    /** The transcode takes the first half of a ladder package's progress: it is by far its slowest step. */
    private static final int TRANSCODED_PERCENT = 50;

    private final PackagedContentStore packages;
    private final KeyVault vault;
    private final DataLayout layout;
    private final PackagingSteps steps;
    private final PackageOutcomes outcomes;
    private final PlatformMetrics metrics;
    private final Duration segmentDuration;
    private final Transcoder transcoder;

    public PackagingJob(PackagedContentStore packages, KeyVault vault, DataLayout layout,
                        Duration segmentDuration, int threads, PackageOutcomes outcomes,
                        PlatformMetrics metrics, Transcoder transcoder) {
        this.packages = packages;
        this.vault = vault;
        this.layout = layout;
        this.steps = new PackagingSteps(segmentDuration, threads);
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.segmentDuration = segmentDuration;
        this.transcoder = transcoder;
    }

    /**
     * Runs or resumes the job. A package that cannot be made from its input (the library refuses it)
     * is marked Failed with the library's message; other failures (I/O, database) are thrown so the
     * job engine retries.
     *
     * @param worker the instance running it (the job engine's name for it, host:pid), recorded on the package
     */
    public void run(long packageId, String worker) throws IOException {
        Optional<PackagedContent> found = packages.find(packageId);
        if (found.isEmpty()) {
            LOG.info("package {} was deleted before its job ran", packageId);
            return;
        }
        PackagedContent pkg = found.get();
        if (pkg.status().isFinal()) {
            LOG.info("package {} is already {}", packageId, pkg.status().label());
            return;
        }
        int attempt = packages.startAttempt(packageId, worker);
        LOG.info("packaging {} ({}, attempt {}) from input {} on {}", packageId, pkg.scheme().fourCC(), attempt,
                pkg.inputContentId(), worker);
        long started = System.nanoTime();
        try {
            runSteps(pkg);
            metrics.packaged((System.nanoTime() - started) / 1e9, sizeOf(layout.input(pkg.inputContentId())),
                    sizeOf(layout.published(packageId)));
        } catch (PackagingException e) {
            LOG.warn("package {} failed: {}", packageId, e.getMessage());
            packages.fail(packageId, e.getMessage());
            FileTrees.delete(layout.work(packageId));
        }
        outcomes.finished(packageId);
    }

    /** Bytes of a file or of every file under a directory; 0 if it is gone. */
    private static long sizeOf(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(path)) {
            long total = 0;
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            }
            return total;
        }
    }

    private void runSteps(PackagedContent pkg) throws PackagingException, IOException {
        long id = pkg.id();
        Path published = layout.published(id);
        if (Files.isDirectory(published)) {
            // Published by an earlier attempt that died before recording it.
            finish(id);
            return;
        }
        Path source = layout.input(pkg.inputContentId());
        if (!Files.isRegularFile(source)) {
            throw new PackagingException("the input content " + pkg.inputContentId() + " is no longer stored");
        }
        Path work = Files.createDirectories(layout.work(id));
        Encryption encryption = encryptionOf(pkg);
        Path fragmented = work.resolve(FRAGMENTED);
        Sources sources = pkg.ladder() == null
                ? new Sources(List.of(source), List.of(fragmented), 0, 30, 60)
                : transcode(pkg, source, work);

        if (!Files.exists(fragmented)) {
            steps.fragment(sources.download(), fragmented, p -> progress(id, sources.startPercent(),
                    sources.fragmentedPercent(), p));
        }
        packages.setStatus(id, PackageStatus.FRAGMENTED, sources.fragmentedPercent());

        Path encrypted = work.resolve(ENCRYPTED);
        if (!Files.exists(encrypted)) {
            steps.encrypt(fragmented, encryption, encrypted, p -> progress(id, sources.fragmentedPercent(),
                    sources.encryptedPercent(), p));
        }
        packages.setStatus(id, PackageStatus.ENCRYPTED, sources.encryptedPercent());

        Path presentation = work.resolve(PRESENTATION);
        if (!Files.exists(presentation.resolve(DataLayout.MANIFEST_FILE))) {
            steps.writePresentation(sources.presentation(), encryption, ClearKeyLicenseEndpoint.hlsKeyUri(id),
                    presentation, p -> progress(id, sources.encryptedPercent(), 95, p));
        }
        Files.move(encrypted, presentation.resolve(DataLayout.DOWNLOAD_FILE), StandardCopyOption.REPLACE_EXISTING);
        publish(presentation, published);
        finish(id);
    }

    /**
     * What the steps package, and the progress at which each step starts (the presentation ends at 95).
     *
     * @param download          made into the fragmented, then encrypted, single-file download
     * @param presentation      made into the DASH and HLS presentation
     * @param startPercent      progress before the fragment step
     * @param fragmentedPercent progress once the fragmented MP4 exists
     * @param encryptedPercent  progress once the encrypted MP4 exists
     */
    private record Sources(List<Path> download, List<Path> presentation, int startPercent, int fragmentedPercent,
                           int encryptedPercent) {
    }

    /**
     * The package's renditions and audio, made by ffmpeg unless an earlier attempt made them all
     * (they appear together, by one rename of their directory).
     */
    private Sources transcode(PackagedContent pkg, Path source, Path work) throws IOException, PackagingException {
        long id = pkg.id();
        Ladder ladder = pkg.ladder();
        Path done = work.resolve(RENDITIONS);
        if (!Files.isDirectory(done)) {
            Path partial = work.resolve(RENDITIONS + PARTIAL);
            // Left by an attempt that died mid-transcode: its outputs are incomplete.
            FileTrees.delete(partial);
            Files.createDirectories(partial);
            try {
                MediaInfo info = MediaProbe.probe(source);
                boolean audio = info.tracks().stream().anyMatch(t -> t.kind() == TrackKind.AUDIO);
                LOG.info("package {}: transcoding input {} ({} s) to {}{} with ffmpeg", id, pkg.inputContentId(),
                        info.durationSeconds(), ladder.rungs().stream().map(Ladder.Rung::name).toList(),
                        audio ? " and AAC audio" : "");
                long started = System.nanoTime();
                transcoder.transcode(source, info.durationSeconds(), ladder, audio, segmentDuration, partial,
                        p -> progress(id, 0, TRANSCODED_PERCENT, p));
                publish(partial, done);
                LOG.info("package {}: transcoded in {} s", id, String.format("%.1f", (System.nanoTime() - started) / 1e9));
            } finally {
                FileTrees.delete(partial);
            }
        }
        packages.setProgress(id, TRANSCODED_PERCENT);
        List<Path> videos = new ArrayList<>();
        for (Ladder.Rung rung : ladder.rungs()) {
            videos.add(done.resolve(rung.fileName()));
        }
        Path audioFile = done.resolve(Ladder.AUDIO_FILE);
        List<Path> audio = Files.exists(audioFile) ? List.of(audioFile) : List.of();
        List<Path> download = new ArrayList<>(List.of(done.resolve(ladder.top().fileName())));
        download.addAll(audio);
        List<Path> presentation = new ArrayList<>(videos);
        presentation.addAll(audio);
        return new Sources(download, presentation, TRANSCODED_PERCENT, 60, 70);
    }

    private void finish(long id) throws IOException {
        packages.setStatus(id, PackageStatus.READY, 100);
        FileTrees.delete(layout.work(id));
        LOG.info("package {} is ready", id);
    }

    private static void publish(Path complete, Path published) throws IOException {
        try {
            Files.move(complete, published, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot publish " + published + " atomically (data directory on a file system "
                    + "without atomic renames?)", e);
        }
    }

    private Encryption encryptionOf(PackagedContent pkg) throws PackagingException {
        byte[] kid = HexFormat.of().parseHex(pkg.keyIdHex());
        byte[] key = vault.open(pkg.sealedKey(), kid);
        return Encryption.builder(pkg.scheme()).key(KeyId.of(kid), ContentKey.of(key)).build();
    }

    private void progress(long id, int from, int to, int stepPercent) {
        try {
            packages.setProgress(id, from + (to - from) * stepPercent / 100);
        } catch (RuntimeException e) {
            // Progress is informative; a failed update must not fail the packaging itself.
            LOG.debug("cannot record progress of package {}", id, e);
        }
    }

    /** For callers that cannot throw checked exceptions. */
    static void runUnchecked(PackagingJob job, long id, String worker) {
        try {
            job.run(id, worker);
        } catch (IOException e) {
            throw new UncheckedIOException("package " + id + ": " + e.getMessage(), e);
        }
    }
}
