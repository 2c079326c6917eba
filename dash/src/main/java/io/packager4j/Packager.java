package io.packager4j;

import io.packager4j.core.cmaf.KeyframeAlignment;
import io.packager4j.core.cmaf.SegmentPlan;
import io.packager4j.core.cmaf.SegmentPlanner;
import io.packager4j.core.cmaf.TrackTimeline;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.mp4.Mp4Reader;
import io.packager4j.core.mp4.ReaderLimits;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.packaging.FragmentedMp4Muxer;
import io.packager4j.core.output.SubtitleOutput;
import io.packager4j.crypto.EncryptionKey;
import io.packager4j.core.packaging.RepresentationPackager;
import io.packager4j.core.packaging.RepresentationSpec;
import io.packager4j.core.packaging.SegmentWorkers;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.cenc.EncryptionSession;
import io.packager4j.crypto.decrypt.DecryptionKeys;
import io.packager4j.dash.MpdWriter;
import io.packager4j.hls.HlsOptions;
import io.packager4j.hls.HlsWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Packages MP4 files into one presentation of CMAF segments, described by an MPEG-DASH manifest
 * and, on request, by HLS playlists over the very same segment files.
 *
 * <pre>{@code
 * PackagingResult result = Packager.builder()
 *         .input(Path.of("video_360p.mp4"))
 *         .input(Path.of("video_720p.mp4"))
 *         .input(Path.of("audio_eng.mp4"))
 *         .segmentDuration(Duration.ofSeconds(4))
 *         .output(Path.of("out"))
 *         .build()
 *         .run();
 * System.out.println(result.manifest()); // out/manifest.mpd
 * }</pre>
 *
 * <p>With {@link Builder#encryption(Encryption)} the segments are encrypted with MPEG Common
 * Encryption and the manifest signals the key ID and DRM systems:
 *
 * <pre>{@code
 * Packager.builder()
 *         .input(Path.of("movie.mp4"))
 *         .encryption(Encryption.cenc(KeyId.parse("a16e402b9056e371f36d348aa62bb749"),
 *                 ContentKey.parse("87237d20a19f58a740c05684e699b4aa")))
 *         .output(Path.of("out"))
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>With {@link Builder#hls(HlsOptions)} the output also gets {@code master.m3u8} and its media
 * playlists, and {@link Builder#subtitles(Path, String)} adds WebVTT subtitles to both manifests:
 *
 * <pre>{@code
 * PackagingResult result = Packager.builder()
 *         .input(Path.of("movie.mp4"))
 *         .subtitles(Path.of("movie.en.vtt"), "en")
 *         .hls(true)
 *         .output(Path.of("out"))
 *         .build()
 *         .run();
 * result.manifest();     // out/manifest.mpd
 * result.hlsPlaylist();  // out/master.m3u8
 * }</pre>
 *
 * <p>Encrypted inputs ({@code cenc} or {@code cbcs}) are decrypted with the keys given to
 * {@link Builder#decryptionKeys(DecryptionKeys)}, and may be re-encrypted on the way out.
 *
 * <p>Instead of a DASH directory, {@link Builder#fragmentedMp4(Path)} writes every track into one
 * fragmented MP4 file (clear or encrypted, the same way).
 *
 * <p>Every audio and video track of every input becomes a representation: video renditions share
 * one adaptation set and are cut at the same times; audio is grouped by language. Output appears
 * atomically: it is written beside the target and renamed into place when complete, so a failed run
 * leaves nothing behind. A {@code Packager} may be run more than once; each run is independent.
 */
public final class Packager {

    private static final Logger LOG = LoggerFactory.getLogger(Packager.class);

    /** How long a failed run waits for running writer tasks (at most a segment each) to end. */
    private static final long TERMINATION_WAIT_SECONDS = 60;

    /** The manifest's file name inside the output directory. */
    public static final String MANIFEST_NAME = "manifest.mpd";

    /** The HLS multivariant playlist's file name inside the output directory, beside the MPD. */
    public static final String HLS_PLAYLIST_NAME = HlsWriter.MASTER_NAME;

    private final List<Path> inputs;
    private final Path output;
    private final Path fragmentedMp4;
    private final Duration segmentDuration;
    private final OutputProfile profile;
    private final KeyframeAlignment alignment;
    private final boolean overwrite;
    private final ProgressListener progress;
    private final int threads;
    private final ReaderLimits limits;
    private final Encryption encryption;
    private final DecryptionKeys decryptionKeys;
    private final HlsOptions hls;
    private final List<SubtitleInput> subtitles;
    private final OutputSpace.UsableSpace usableSpace;

    private Packager(Builder b) {
        this.inputs = List.copyOf(b.inputs);
        this.output = b.output;
        this.fragmentedMp4 = b.fragmentedMp4;
        this.segmentDuration = b.segmentDuration;
        this.profile = b.profile;
        this.alignment = b.alignment;
        this.overwrite = b.overwrite;
        this.progress = b.progress;
        this.threads = b.threads;
        this.limits = b.limits;
        this.encryption = b.encryption;
        this.decryptionKeys = b.decryptionKeys;
        this.hls = b.hls;
        this.subtitles = List.copyOf(b.subtitles);
        this.usableSpace = b.usableSpace;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the inputs, writes the presentation (or the fragmented MP4) and publishes it.
     *
     * <p>Before anything is written, the output's file system must have room for about the media
     * bytes of the selected samples plus fragment headers (twice that for {@link
     * Builder#fragmentedMp4(Path)}, whose segments are joined beside it); otherwise the run fails at
     * once, naming the bytes needed and available.
     *
     * @throws PackagingException for bad input, bad options, too little free space or I/O failure;
     *                            nothing is left at the output
     */
    public PackagingResult run() throws PackagingException {
        OutputPublisher publisher = fragmentedMp4 == null ? new OutputPublisher(output, overwrite) : null;
        FileOutputPublisher filePublisher = fragmentedMp4 == null ? null : new FileOutputPublisher(fragmentedMp4, overwrite);
        if (publisher != null) {
            publisher.checkTarget();
        } else {
            filePublisher.checkTarget();
        }
        // Subtitles are checked before any media work: a bad cue should fail in milliseconds.
        List<byte[]> subtitleContents = new ArrayList<>();
        for (SubtitleInput s : subtitles) {
            subtitleContents.add(readSubtitles(s));
        }
        List<MediaFile> files = new ArrayList<>();
        try {
            Mp4Reader reader = new Mp4Reader(limits);
            for (Path input : inputs) {
                files.add(reader.open(input));
            }
            Plan plan = plan(files);
            checkFreeSpace(plan);
            return publisher != null ? writeDash(plan, subtitleContents, publisher) : writeFragmentedMp4(plan, filePublisher);
        } catch (RuntimeException e) {
            // A defect of ours on some input must still reach callers as the library's one exception.
            LOG.error("unexpected failure while packaging {}", inputs, e);
            throw new PackagingException("unexpected internal error while packaging " + inputs + ": " + e, e);
        } finally {
            files.forEach(MediaFile::close);
        }
    }

    /** The representations to write, and the input bytes and samples they cover (for progress and space). */
    private record Plan(List<RepresentationSpec> specs, RepresentationIds ids, long totalBytes, long totalSamples,
                        double targetSeconds) {
    }

    /** Refuses, before the staging directory is made, an output its file system has no room for. */
    private void checkFreeSpace(Plan plan) throws PackagingException {
        boolean joined = fragmentedMp4 != null;
        long subtitleBytes = 0;
        for (SubtitleInput s : subtitles) {
            subtitleBytes += sizeOf(s.file());
        }
        long media = plan.totalBytes() + subtitleBytes;
        OutputSpace.check(joined ? fragmentedMp4 : output, OutputSpace.estimate(media, plan.totalSamples(), joined),
                media, joined, usableSpace);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // it was read a moment ago; its copy's size hardly matters to the estimate
        }
    }

    private Plan plan(List<MediaFile> files) throws PackagingException {
        List<Track> tracks = new ArrayList<>();
        for (TrackKind kind : new TrackKind[] {TrackKind.VIDEO, TrackKind.AUDIO}) {
            for (MediaFile f : files) {
                f.tracks().stream().filter(t -> t.kind() == kind).forEach(tracks::add);
            }
        }
        Map<Track, TrackTimeline> timelines = new IdentityHashMap<>();
        for (Track t : tracks) {
            timelines.put(t, TrackTimeline.of(t));
        }
        double target = segmentDuration.toNanos() / 1e9;
        Map<Track, SegmentPlan> plans = SegmentPlanner.plan(tracks, timelines, target, alignment);

        RepresentationIds ids = new RepresentationIds();
        List<RepresentationSpec> specs = new ArrayList<>();
        EncryptionSession session = encryption == null ? null : EncryptionSession.start(encryption);
        if (encryption != null) {
            LOG.info("encrypting with {}", encryption); // keys are redacted by toString
        }
        long totalBytes = 0;
        long totalSamples = 0;
        for (Track t : tracks) {
            SegmentPlan plan = plans.get(t);
            specs.add(new RepresentationSpec(ids.next(t), t, timelines.get(t), plan,
                    TrackTransforms.of(t, decryptionKeys, encryption, session)));
            totalBytes += t.samples().bytes(plan.firstSample(), plan.endSample());
            totalSamples += plan.endSample() - plan.firstSample();
        }
        return new Plan(specs, ids, totalBytes, totalSamples, target);
    }

    private PackagingResult writeDash(Plan plan, List<byte[]> subtitleContents, OutputPublisher publisher)
            throws PackagingException {
        Path staging = publisher.createStaging();
        boolean published = false;
        try {
            List<RepresentationOutput> outputs = writeRepresentations(plan.specs(), profile, staging, plan.totalBytes());
            double duration = duration(outputs);
            List<SubtitleOutput> subtitleOutputs = writeSubtitles(subtitleContents, plan.ids(), staging);
            PresentationOutput presentation = new PresentationOutput(profile, duration, plan.targetSeconds(), outputs,
                    subtitleOutputs);
            writeManifest(presentation, staging.resolve(MANIFEST_NAME));
            if (hls != null) {
                writePlaylists(presentation, staging);
            }
            publisher.publish(staging);
            published = true;
            Path dir = output.toAbsolutePath().normalize();
            LOG.info("packaged {} representation(s), {} s, into {}{}", outputs.size(), String.format("%.3f", duration), dir,
                    hls != null ? " (DASH and HLS)" : "");
            long[] bytes = new long[outputs.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = bytesOnDisk(dir, outputs.get(i));
            }
            return new PackagingResult(dir, dir.resolve(MANIFEST_NAME), profile, duration,
                    results(plan.specs(), outputs, bytes), hls == null ? null : dir.resolve(HLS_PLAYLIST_NAME),
                    subtitleOutputs.stream()
                            .map(t -> new SubtitleResult(t.id(), t.language(), dir.resolve(t.path()), t.size())).toList(),
                    null);
        } finally {
            if (!published) {
                OutputPublisher.deleteQuietly(staging);
            }
        }
    }

    /**
     * Writes the representations as live-profile segments into a staging directory beside the
     * target, joins them into one fragmented MP4 there, and renames that onto the target. The
     * segments are deleted in every case.
     */
    private PackagingResult writeFragmentedMp4(Plan plan, FileOutputPublisher publisher) throws PackagingException {
        Path staging = publisher.createStaging();
        try {
            Path segments = staging.resolve("segments");
            createDirectory(segments);
            List<RepresentationOutput> outputs = writeRepresentations(plan.specs(), OutputProfile.LIVE, segments,
                    plan.totalBytes());
            Path file = staging.resolve(publisher.target().getFileName());
            long[] bytes = FragmentedMp4Muxer.mux(outputs, segments, file);
            publisher.publish(file);
            double duration = duration(outputs);
            Path target = publisher.target();
            LOG.info("packaged {} track(s), {} s, into {}", outputs.size(), String.format("%.3f", duration), target);
            return new PackagingResult(target.getParent(), null, null, duration, results(plan.specs(), outputs, bytes),
                    null, List.of(), target);
        } finally {
            OutputPublisher.deleteQuietly(staging);
        }
    }

    private static void createDirectory(Path dir) throws PackagingException {
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new PackagingException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static double duration(List<RepresentationOutput> outputs) {
        return outputs.stream().mapToDouble(RepresentationOutput::durationSeconds).max().orElse(0);
    }

    private List<RepresentationOutput> writeRepresentations(List<RepresentationSpec> specs, OutputProfile layout,
                                                            Path staging, long totalBytes) throws PackagingException {
        AtomicLong done = new AtomicLong();
        ProgressReporter reporter = new ProgressReporter(progress, totalBytes);
        // Representations are written in parallel; within one, segments whose samples are decrypted
        // or encrypted are prepared in parallel on a second pool (a single video rendition would
        // otherwise keep one core busy and leave the other idle).
        ExecutorService pool = daemonPool(Math.max(1, Math.min(threads, specs.size())), "packager4j-writer");
        ExecutorService segmentPool = threads > 1 ? daemonPool(threads, "packager4j-segment") : null;
        SegmentWorkers workers = SegmentWorkers.of(segmentPool, threads);
        List<Future<RepresentationOutput>> futures = new ArrayList<>();
        boolean complete = false;
        try {
            for (RepresentationSpec spec : specs) {
                futures.add(pool.submit(() -> RepresentationPackager.write(spec, layout, staging,
                        bytes -> reporter.report(done.addAndGet(bytes)), workers)));
            }
            List<RepresentationOutput> outputs = new ArrayList<>();
            for (Future<RepresentationOutput> f : futures) {
                outputs.add(await(f));
            }
            complete = true;
            return outputs;
        } finally {
            if (!complete) {
                // Stop the other representations at their next segment, and let running tasks end
                // before the caller deletes the staging directory, so none writes into it later.
                workers.cancel();
                futures.forEach(f -> f.cancel(false));
            }
            pool.shutdown();
            if (segmentPool != null) {
                segmentPool.shutdown();
            }
            awaitTermination(pool);
            awaitTermination(segmentPool);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        if (pool == null) {
            return;
        }
        try {
            if (!pool.awaitTermination(TERMINATION_WAIT_SECONDS, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutorService daemonPool(int size, String name) {
        return Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static RepresentationOutput await(Future<RepresentationOutput> f) throws PackagingException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("packaging was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PackagingException pe) {
                throw pe;
            }
            throw new PackagingException("packaging failed: " + cause, cause);
        }
    }

    /** Subtitle files above this size are refused: they are read whole, and real ones are far smaller. */
    private static final long MAX_SUBTITLE_BYTES = 64L << 20;

    private static byte[] readSubtitles(SubtitleInput s) throws PackagingException {
        byte[] content;
        try {
            long size = Files.size(s.file());
            if (size > MAX_SUBTITLE_BYTES) {
                throw new PackagingException(s.file() + ": " + size + " bytes is too large for a subtitle file (at most "
                        + MAX_SUBTITLE_BYTES + ")");
            }
            content = Files.readAllBytes(s.file());
        } catch (IOException e) {
            throw new PackagingException("cannot read subtitles " + s.file() + ": " + e.getMessage(), e);
        }
        WebVttCheck.Summary summary = WebVttCheck.check(s.file(), content);
        LOG.debug("subtitles {}: {} cue(s), the last ending at {} ms", s.file(), summary.cues(), summary.lastEndMillis());
        return content;
    }

    /** Copies the (checked) WebVTT files into the output, unchanged: both manifests point at them. */
    private List<SubtitleOutput> writeSubtitles(List<byte[]> contents, RepresentationIds ids, Path staging)
            throws PackagingException {
        List<SubtitleOutput> list = new ArrayList<>();
        for (int i = 0; i < subtitles.size(); i++) {
            SubtitleInput s = subtitles.get(i);
            String id = ids.nextSubtitles(s.language());
            String name = id + ".vtt";
            Path file = staging.resolve(name);
            try {
                Files.write(file, contents.get(i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new PackagingException("cannot write " + file + ": " + e.getMessage(), e);
            }
            list.add(new SubtitleOutput(id, s.language(), name, contents.get(i).length));
        }
        return list;
    }

    private void writePlaylists(PresentationOutput presentation, Path staging) throws PackagingException {
        try {
            new HlsWriter(hls).write(presentation, staging);
        } catch (IOException e) {
            throw new PackagingException("cannot write the HLS playlists into " + staging + ": " + e.getMessage(), e);
        }
    }

    private static void writeManifest(PresentationOutput presentation, Path file) throws PackagingException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            new MpdWriter().write(presentation, out);
        } catch (IOException e) {
            throw new PackagingException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<RepresentationResult> results(List<RepresentationSpec> specs, List<RepresentationOutput> outputs,
                                                      long[] bytes) {
        List<RepresentationResult> results = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            RepresentationSpec spec = specs.get(i);
            RepresentationOutput out = outputs.get(i);
            results.add(new RepresentationResult(out.id(), out.kind(), out.codecs(), out.bandwidth(), out.width(),
                    out.height(), out.segments().size(), bytes[i], spec.track().source().path(), spec.track().trackId()));
        }
        return results;
    }

    private static long bytesOnDisk(Path dir, RepresentationOutput out) {
        try {
            if (out.onDemandPath() != null) {
                return Files.size(dir.resolve(out.onDemandPath()));
            }
            return out.mediaBytes() + Files.size(dir.resolve(out.initializationPath()));
        } catch (IOException e) {
            return out.mediaBytes();
        }
    }

    /** Configures a {@link Packager}; every setting but inputs and output has a default. */
    public static final class Builder {
        private final List<Path> inputs = new ArrayList<>();
        private Path output;
        private Path fragmentedMp4;
        private Duration segmentDuration = Duration.ofSeconds(4);
        private OutputProfile profile = OutputProfile.LIVE;
        private KeyframeAlignment alignment = KeyframeAlignment.STRICT;
        private boolean overwrite;
        private ProgressListener progress = p -> { };
        private int threads = Runtime.getRuntime().availableProcessors();
        private ReaderLimits limits = ReaderLimits.DEFAULT;
        private Encryption encryption;
        private DecryptionKeys decryptionKeys;
        private HlsOptions hls;
        private final List<SubtitleInput> subtitles = new ArrayList<>();
        private OutputSpace.UsableSpace usableSpace = OutputSpace.FILE_STORE;

        private Builder() {
        }

        /** Where free space is asked (tests pretend a full disk); default: the output's file store. */
        Builder usableSpace(OutputSpace.UsableSpace space) {
            this.usableSpace = Objects.requireNonNull(space, "space");
            return this;
        }

        /** Adds an input file; all its audio and video tracks are packaged. */
        public Builder input(Path input) {
            inputs.add(Objects.requireNonNull(input, "input"));
            return this;
        }

        /** Adds several input files, in order. */
        public Builder inputs(List<Path> more) {
            more.forEach(this::input);
            return this;
        }

        /**
         * Writes MPEG-DASH into this directory; it must not exist or be empty unless {@link
         * #overwrite(boolean)}.
         *
         * @throws IllegalStateException if {@link #fragmentedMp4(Path)} was chosen already
         */
        public Builder output(Path dir) {
            Objects.requireNonNull(dir, "output");
            if (fragmentedMp4 != null) {
                throw new IllegalStateException("output(dir) and fragmentedMp4(file) are mutually exclusive: this "
                        + "builder already writes the fragmented MP4 " + fragmentedMp4);
            }
            this.output = dir;
            return this;
        }

        /**
         * Writes one fragmented MP4 file instead of a DASH directory: every audio and video track of
         * the inputs in one file ({@code ftyp}, a {@code moov} with one {@code trak} per track,
         * track_IDs 1..n with video first, then {@code moof}/{@code mdat} fragments of all tracks
         * interleaved by time, one per segment duration). {@link #encryption(Encryption)} and {@link
         * #decryptionKeys(DecryptionKeys)} apply exactly as for DASH: encrypted tracks get {@code
         * encv}/{@code enca} with {@code sinf}, and the {@code pssh} boxes are in the {@code moov}
         * once. The file appears atomically (written beside it, then renamed) or not at all; an
         * existing file is replaced only with {@link #overwrite(boolean)}. There is no manifest:
         * the result's {@link PackagingResult#fragmentedMp4()} is the file. While it runs, the
         * tracks are first written as segments beside the file and then joined, so it needs free
         * space for about twice the output there; memory stays bounded by a segment, as for DASH.
         *
         * <pre>{@code
         * PackagingResult result = Packager.builder()
         *         .input(Path.of("upload.mp4"))
         *         .encryption(Encryption.cbcs(KeyId.parse("a16e402b9056e371f36d348aa62bb749"),
         *                 ContentKey.parse("87237d20a19f58a740c05684e699b4aa")))
         *         .fragmentedMp4(Path.of("out/movie.mp4"))
         *         .build()
         *         .run();
         * log.info("{}: {} track(s)", result.fragmentedMp4(), result.representations().size());
         * }</pre>
         *
         * @param file the file to write; its directory is created if missing
         * @throws IllegalStateException if {@link #output(Path)} was chosen already
         */
        public Builder fragmentedMp4(Path file) {
            Objects.requireNonNull(file, "file");
            if (output != null) {
                throw new IllegalStateException("output(dir) and fragmentedMp4(file) are mutually exclusive: this "
                        + "builder already writes DASH into " + output);
            }
            this.fragmentedMp4 = file;
            return this;
        }

        /** Target segment duration (default 4 s); segments start on keyframes, so they vary around it. */
        public Builder segmentDuration(Duration duration) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("segment duration must be positive, not " + duration);
            }
            this.segmentDuration = duration;
            return this;
        }

        /**
         * {@link OutputProfile#LIVE} (default: segment files) or {@link OutputProfile#ON_DEMAND} (one
         * file each); DASH output only.
         */
        public Builder profile(OutputProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** What to do when video renditions' keyframes do not align (default: refuse). */
        public Builder keyframeAlignment(KeyframeAlignment alignment) {
            this.alignment = Objects.requireNonNull(alignment, "alignment");
            return this;
        }

        /** Replace an existing non-empty output directory when the new output is complete. */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        public Builder progressListener(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Representations written in parallel (default: available processors). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** Limits applied while reading inputs (default {@link ReaderLimits#DEFAULT}). */
        public Builder readerLimits(ReaderLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Encrypts the output with MPEG Common Encryption (default: clear output).
         *
         * @param encryption the scheme, keys and signalling, or null for clear output
         */
        public Builder encryption(Encryption encryption) {
            this.encryption = encryption;
            return this;
        }

        /**
         * Keys to decrypt encrypted inputs with, by key ID (default: none; an encrypted input then
         * fails with a message naming its key ID).
         */
        public Builder decryptionKeys(DecryptionKeys keys) {
            this.decryptionKeys = keys;
            return this;
        }

        /**
         * Also writes HLS playlists ({@value Packager#HLS_PLAYLIST_NAME} beside the MPD) over the same
         * segments, with {@link HlsOptions#defaults()}; false (the default) writes DASH only.
         * Encrypted output needs {@link #hls(HlsOptions)} with a key URI.
         */
        public Builder hls(boolean write) {
            this.hls = write ? HlsOptions.defaults() : null;
            return this;
        }

        /**
         * Also writes HLS playlists with these options (key URI and format for encrypted output);
         * null writes DASH only.
         */
        public Builder hls(HlsOptions options) {
            this.hls = options;
            return this;
        }

        /**
         * Adds a WebVTT subtitle track: the file is checked, copied into the output unchanged, and
         * announced in the MPD (a {@code text/vtt} adaptation set) and in HLS (a SUBTITLES rendition).
         *
         * @param vtt      the WebVTT file; cue times are presentation times
         * @param language its BCP 47 language tag, such as {@code en}
         * @throws IllegalArgumentException if {@code language} is not a language tag
         */
        public Builder subtitles(Path vtt, String language) {
            subtitles.add(new SubtitleInput(vtt, language));
            return this;
        }

        /**
         * @throws IllegalStateException if no input or no output was given, the on-demand profile,
         *     HLS or subtitles were asked of a fragmented MP4, or HLS output is encrypted with a key
         *     that has no HLS key URI
         */
        public Packager build() {
            if (inputs.isEmpty()) {
                throw new IllegalStateException("no input: call input(path) at least once");
            }
            if (output == null && fragmentedMp4 == null) {
                throw new IllegalStateException("no output: call output(dir) for DASH or fragmentedMp4(file) for one "
                        + "fragmented MP4");
            }
            if (fragmentedMp4 != null && profile == OutputProfile.ON_DEMAND) {
                throw new IllegalStateException("profile(ON_DEMAND) describes DASH output; it does not apply to "
                        + "fragmentedMp4(file)");
            }
            if (fragmentedMp4 != null && (hls != null || !subtitles.isEmpty())) {
                throw new IllegalStateException("HLS playlists and subtitles go beside a DASH manifest; they do not "
                        + "apply to fragmentedMp4(file)");
            }
            if (hls != null && encryption != null) {
                for (TrackKind kind : TrackKind.values()) {
                    EncryptionKey key = encryption.keyFor(kind).orElse(null);
                    if (key != null && hls.keyUriFor(key.keyId()) == null) {
                        throw new IllegalStateException("HLS output encrypted with key ID " + key.keyId().toHex()
                                + " needs a key URI for EXT-X-KEY: call hls(HlsOptions.builder().keyUri(...).build())");
                    }
                }
            }
            return new Packager(this);
        }
    }

    /** Forwards progress to the listener at most every half percent. */
    private static final class ProgressReporter {
        private final ProgressListener listener;
        private final long total;
        private final AtomicLong lastReported = new AtomicLong(-1);

        ProgressReporter(ProgressListener listener, long total) {
            this.listener = listener;
            this.total = total;
        }

        void report(long done) {
            long step = Math.max(1, total / 200);
            long last = lastReported.get();
            if (done >= total || done - last >= step) {
                if (lastReported.compareAndSet(last, done)) {
                    listener.onProgress(new ProgressListener.Progress(done, total));
                }
            }
        }
    }
}
