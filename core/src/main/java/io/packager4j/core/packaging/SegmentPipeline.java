package io.packager4j.core.packaging;

import io.packager4j.PackagingException;
import io.packager4j.core.cmaf.MediaSegmentWriter;
import io.packager4j.core.cmaf.SegmentPlan;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Prepares one representation's media segments and hands them to a sink in segment order.
 *
 * <p>When samples are decrypted or encrypted, that work (reading the media into memory,
 * NAL parsing, AES) is the cost, and segments are independent, so up to {@link
 * SegmentWorkers#parallelism()} of them are prepared at once on the shared workers, each by its
 * own {@link MediaSegmentWriter} with its own decryptor and encryptor, while the calling thread
 * writes finished ones out. Memory stays bounded: at most {@code parallelism} prepared segments
 * exist at a time. Clear-to-clear segments are copied file to file and are not worth the
 * threads.
 *
 * <p>A sink that writes each segment to its own file (live profile) may run on the workers too,
 * so that copying the output into the page cache, the largest single cost, is spread over the
 * cores as well; a sink that appends to one file (on-demand) runs on the calling thread, in order.
 */
final class SegmentPipeline {

    /** Receives each prepared segment, in order; writes it out with {@link MediaSegmentWriter#writePrepared}. */
    @FunctionalInterface
    interface Sink {
        void accept(int segmentIndex, MediaSegmentWriter prepared, long size) throws PackagingException, IOException;
    }

    private final RepresentationSpec spec;
    private final boolean writeStyp;
    private final SegmentWorkers workers;
    private final boolean sinkInWorkers;

    /**
     * @param sinkInWorkers whether the sink may be called from worker threads, for different
     *                      segments at the same time and in any order
     */
    SegmentPipeline(RepresentationSpec spec, boolean writeStyp, SegmentWorkers workers, boolean sinkInWorkers) {
        this.spec = spec;
        this.writeStyp = writeStyp;
        this.workers = workers;
        this.sinkInWorkers = sinkInWorkers;
    }

    void run(Sink sink) throws PackagingException, IOException {
        SampleTransforms t = spec.transforms();
        boolean parallel = workers.parallelism() > 1 && !t.isIdentity() && t.segmentsIndependent()
                && spec.plan().segmentCount() > 1;
        if (parallel) {
            runParallel(sink);
        } else {
            runSequential(sink);
        }
    }

    private void runSequential(Sink sink) throws PackagingException, IOException {
        MediaSegmentWriter writer = newWriter();
        SegmentPlan plan = spec.plan();
        for (int k = 0; k < plan.segmentCount(); k++) {
            workers.checkNotCancelled();
            long size = writer.prepare(k + 1, plan.start(k), plan.end(k));
            sink.accept(k, writer, size);
        }
    }

    /** A prepared segment waiting to be written. */
    private record Pending(int index, Future<Long> size, MediaSegmentWriter writer) {
    }

    private void runParallel(Sink sink) throws PackagingException, IOException {
        SegmentPlan plan = spec.plan();
        Deque<Pending> inFlight = new ArrayDeque<>();
        List<MediaSegmentWriter> idle = new ArrayList<>();
        try {
            for (int k = 0; k < plan.segmentCount(); k++) {
                workers.checkNotCancelled();
                if (inFlight.size() >= workers.parallelism()) {
                    idle.add(drainOldest(inFlight, sink));
                }
                MediaSegmentWriter writer = idle.isEmpty() ? newWriter() : idle.remove(idle.size() - 1);
                int number = k + 1;
                int from = plan.start(k);
                int to = plan.end(k);
                int index = k;
                inFlight.addLast(new Pending(k, workers.pool().submit(() -> {
                    long size = writer.prepare(number, from, to);
                    if (sinkInWorkers) {
                        sink.accept(index, writer, size);
                    }
                    return size;
                }), writer));
            }
            while (!inFlight.isEmpty()) {
                drainOldest(inFlight, sink);
            }
        } finally {
            // On failure, drop what has not started. Running tasks are not interrupted: an interrupt
            // would close the input's FileChannel, which other representations still read.
            for (Pending p : inFlight) {
                p.size().cancel(false);
            }
        }
    }

    private MediaSegmentWriter drainOldest(Deque<Pending> inFlight, Sink sink)
            throws PackagingException, IOException {
        Pending p = inFlight.peekFirst();
        long size = await(p.size());
        inFlight.removeFirst();
        if (!sinkInWorkers) {
            sink.accept(p.index(), p.writer(), size);
        }
        return p.writer();
    }

    private MediaSegmentWriter newWriter() throws PackagingException {
        SampleTransforms t = spec.transforms();
        return new MediaSegmentWriter(spec.track(), spec.timeline(), t.newDecryption(), t.newProtection(), writeStyp);
    }

    private static long await(Future<Long> f) throws PackagingException, IOException {
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
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new PackagingException("preparing a segment failed: " + cause, cause);
        }
    }
}
