package io.packager4j.platform.jobs;

import io.packager4j.Packager;
import io.packager4j.PackagingException;
import io.packager4j.ProgressListener;
import io.packager4j.crypto.Encryption;
import io.packager4j.hls.HlsOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The three library runs a job is made of, as the original platform's tools did them: fragment the
 * upload, encrypt it, then write the DASH and HLS presentation. Each run's output appears atomically (the
 * library writes to a staging name and renames), so a step whose output exists is complete and a
 * job resumed after a crash skips it.
 */
final class PackagingSteps {

    private final Duration segmentDuration;
    private final int threads;

    PackagingSteps(Duration segmentDuration, int threads) {
        this.segmentDuration = segmentDuration;
        this.threads = threads;
    }

    /** The sources (the upload, or a ladder's top rendition and its audio) as one clear fragmented MP4 with every track. */
    void fragment(List<Path> sources, Path fragmented, IntConsumer percent) throws PackagingException {
        Packager.builder().inputs(sources).fragmentedMp4(fragmented).overwrite(true)
                .segmentDuration(segmentDuration).threads(threads)
                .progressListener(percentOf(percent)).build().run();
    }

    /** The fragmented MP4 encrypted, still one file (what {@code /download} serves). */
    void encrypt(Path fragmented, Encryption encryption, Path encrypted, IntConsumer percent) throws PackagingException {
        Packager.builder().input(fragmented).encryption(encryption).fragmentedMp4(encrypted).overwrite(true)
                .segmentDuration(segmentDuration).threads(threads)
                .progressListener(percentOf(percent)).build().run();
    }

    /**
     * The encrypted presentation of the inputs (the fragmented upload, or a ladder's renditions and
     * audio: the video renditions share one adaptation set): DASH (live profile: init and numbered
     * segments per representation) and HLS playlists over the same segments, whose EXT-X-KEY points
     * at {@code hlsKeyUri}.
     */
    void writePresentation(List<Path> inputs, Encryption encryption, String hlsKeyUri, Path dir, IntConsumer percent)
            throws PackagingException {
        Packager.builder().inputs(inputs).encryption(encryption).output(dir).overwrite(true)
                .hls(HlsOptions.builder().keyUri(hlsKeyUri).build())
                .segmentDuration(segmentDuration).threads(threads)
                .progressListener(percentOf(percent)).build().run();
    }

    /** Forwards whole percents, each once: the listener may be called a few hundred times per run. */
    private static ProgressListener percentOf(IntConsumer percent) {
        AtomicInteger last = new AtomicInteger(-1);
        return p -> {
            int now = (int) Math.round(p.fraction() * 100);
            int before = last.get();
            if (now > before && last.compareAndSet(before, now)) {
                percent.accept(now);
            }
        };
    }
}
