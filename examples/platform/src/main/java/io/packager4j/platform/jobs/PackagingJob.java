package io.packager4j.platform.jobs;

import io.packager4j.MediaInfo;
import io.packager4j.MediaProbe;
import io.packager4j.PackagingException;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.mp4.ReaderLimits;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.platform.DataLayout;
import io.packager4j.platform.FileTrees;
import io.packager4j.platform.content.Ingest;
import io.packager4j.platform.content.UploadProbe;
import io.packager4j.platform.keys.KeyVault;
import io.packager4j.platform.ladder.Ladder;
import io.packager4j.platform.ladder.Transcoder;
import io.packager4j.platform.license.ClearKeyLicenseEndpoint;
import io.packager4j.platform.metrics.PlatformMetrics;
import io.packager4j.platform.storage.InputStorage;
import io.packager4j.platform.storage.Storage;
import io.packager4j.platform.store.InputContent;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.PackageStatus;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Packages one {@link PackagedContent}: fragment → encrypt → DASH and HLS → publish, recording each step's
 * status. Safe to run again on the same package after a crash at any point: finished steps are
 * skipped (their outputs appear atomically), and the presentation is published whole or not at all
 * ({@link io.packager4j.platform.storage.PackageStorage}: one atomic rename of a complete directory on
 * local disk; with a bucket, every object uploaded, manifests last, before the package is Ready), so a
 * client never sees half of one. An input in a bucket is first fetched into the work directory; one
 * named in {@code POST /encode} is probed there, as an upload is when it arrives. An attempt
 * checks that it is still the package's latest before publishing: one overtaken by a revived copy
 * of its job (its instance taken for dead) publishes nothing and leaves the package to that copy.
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
    private final InputContentStore inputs;
    private final KeyVault vault;
    private final DataLayout layout;
    private final Storage storage;
    private final PackagingSteps steps;
    private final PackageOutcomes outcomes;
    private final PlatformMetrics metrics;
    private final Duration segmentDuration;
    private final Transcoder transcoder;

    /** @param storage where inputs are read from and presentations published to */
    public PackagingJob(PackagedContentStore packages, InputContentStore inputs, KeyVault vault, DataLayout layout,
                        Storage storage, Duration segmentDuration, int threads, PackageOutcomes outcomes,
                        PlatformMetrics metrics, Transcoder transcoder) {
        this.packages = packages;
        this.inputs = inputs;
        this.vault = vault;
        this.layout = layout;
        this.storage = storage;
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
            if (!runSteps(pkg, attempt)) {
                return;
            }
            metrics.packaged((System.nanoTime() - started) / 1e9,
                    inputs.find(pkg.inputContentId()).map(InputContent::sizeBytes).orElse(0L),
                    storage.packages().bytes(packageId));
        } catch (PackagingException e) {
            LOG.warn("package {} failed: {}", packageId, e.getMessage());
            packages.fail(packageId, e.getMessage());
            FileTrees.delete(layout.work(packageId));
        }
        outcomes.finished(packageId);
    }

    /**
     * @return false if the job was left to a later attempt that started while this one ran (nothing
     *         published, nothing recorded)
     */
    private boolean runSteps(PackagedContent pkg, int attempt) throws PackagingException, IOException {
        long id = pkg.id();
        if (storage.packages().isPublished(id)) {
            // Published by an earlier attempt that died before recording it.
            finish(id);
            return true;
        }
        InputContent input = inputs.find(pkg.inputContentId()).orElseThrow(() ->
                new PackagingException("the input content " + pkg.inputContentId() + " is no longer stored"));
        Path work = Files.createDirectories(layout.work(id));
        Path source;
        try {
            source = storage.inputs().localCopy(input, work);
        } catch (InputStorage.MissingInputException e) {
            throw new PackagingException(e.getMessage());
        }
        String tracks = input.tracks();
        if (InputContent.REFERENCED.equals(input.status())) {
            tracks = probe(input, source);
        }
        Ladder ladder = pkg.ladder();
        if (ladder != null && !ladder.planned()) {
            ladder = plan(id, ladder, tracks);
        }
        Encryption encryption = encryptionOf(pkg);
        Path fragmented = work.resolve(FRAGMENTED);
        Sources sources = ladder == null
                ? new Sources(List.of(source), List.of(fragmented), 0, 30, 60)
                : transcode(pkg, ladder, source, work);

        if (!Files.exists(fragmented)) {
            steps.fragment(sources.download(), fragmented, p -> progress(id, sources.startPercent(),
                    sources.fragmentedPercent(), p));
        }
        packages.setStatus(id, PackageStatus.FRAGMENTED, sources.fragmentedPercent());

        Path encrypted = work.resolve(ENCRYPTED);
        Path presentation = work.resolve(PRESENTATION);
        Path download = presentation.resolve(DataLayout.DOWNLOAD_FILE);
        // Already moved into the presentation by an attempt whose publication failed (a bucket upload).
        if (!Files.exists(encrypted) && !Files.exists(download)) {
            steps.encrypt(fragmented, encryption, encrypted, p -> progress(id, sources.fragmentedPercent(),
                    sources.encryptedPercent(), p));
        }
        packages.setStatus(id, PackageStatus.ENCRYPTED, sources.encryptedPercent());

        if (!Files.exists(presentation.resolve(DataLayout.MANIFEST_FILE))) {
            steps.writePresentation(sources.presentation(), encryption, ClearKeyLicenseEndpoint.hlsKeyUri(id),
                    presentation, p -> progress(id, sources.encryptedPercent(), 95, p));
        }
        if (Files.exists(encrypted)) {
            Files.move(encrypted, download, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!packages.isLatestAttempt(id, attempt)) {
            // This instance missed its heartbeats (a long pause, an overloaded machine) and the job
            // engine, taking it for dead, revived the job on another instance, which publishes it.
            // Publishing here as well would do the job twice (with S3 storage, mixing two runs'
            // objects). Its work files are left: with a shared data directory they are that attempt's too.
            LOG.warn("package {}: attempt {} was superseded by a later attempt while it ran (this instance "
                    + "was taken for dead); leaving the package to it", id, attempt);
            return false;
        }
        storage.packages().publish(id, presentation);
        finish(id);
        return true;
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
    private Sources transcode(PackagedContent pkg, Ladder ladder, Path source, Path work)
            throws IOException, PackagingException {
        long id = pkg.id();
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
                Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
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

    /**
     * An object named in {@code POST /encode} is checked as an upload is (the library's reader
     * limits); what it holds is recorded on its input. A file the library refuses fails the package
     * with the library's reason, naming the object rather than the work file.
     */
    private String probe(InputContent input, Path source) throws PackagingException, IOException {
        MediaInfo info;
        try {
            info = MediaProbe.probe(source, ReaderLimits.DEFAULT);
        } catch (PackagingException e) {
            throw new PackagingException("\"" + input.objectKey() + "\" cannot be packaged: "
                    + UploadProbe.clientMessage(e.getMessage(), source, input.objectKey()), e);
        }
        String tracks = Ingest.describe(info);
        inputs.recordProbe(input.id(), Files.size(source), info.durationSeconds(), tracks);
        return tracks;
    }

    /**
     * Plans the ladder of a package whose input was only probed by this job ({@code POST /encode}),
     * from the video height the probe found, and records it.
     */
    private Ladder plan(long id, Ladder unplanned, String tracks) throws PackagingException {
        OptionalInt height = Ladder.videoHeight(tracks);
        if (height.isEmpty() || height.getAsInt() < 2) {
            throw new PackagingException("renditions were asked for, and the input has no video track to make them of ("
                    + tracks + ")");
        }
        Ladder planned = unplanned.planFor(height.getAsInt());
        packages.setLadder(id, planned);
        return planned;
    }

    private void finish(long id) throws IOException {
        // Work files go before Ready is recorded, so a client that sees Ready sees them gone; a crash
        // in between is harmless: the retry finds the presentation published and only records Ready.
        FileTrees.delete(layout.work(id));
        packages.setStatus(id, PackageStatus.READY, 100);
        LOG.info("package {} is ready", id);
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
