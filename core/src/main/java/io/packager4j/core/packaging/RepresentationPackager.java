package io.packager4j.core.packaging;

import io.packager4j.PackagingException;
import io.packager4j.core.cmaf.BoxWriter;
import io.packager4j.core.cmaf.InitSegmentWriter;
import io.packager4j.core.cmaf.SampleProtection;
import io.packager4j.core.cmaf.SegmentLayout;
import io.packager4j.core.cmaf.SegmentPlan;
import io.packager4j.core.cmaf.TrackTimeline;
import io.packager4j.core.media.Rational;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackFormat;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.ByteRange;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes one representation into a directory: for the live profile its folder with
 * {@code init.mp4} and {@code seg-N.m4s}; for the on-demand profile one file with the init
 * segment, a {@code sidx} and every media segment.
 */
public final class RepresentationPackager {

    static final String INIT_NAME = "init.mp4";
    static final String SEGMENT_PREFIX = "seg-";
    static final String SEGMENT_SUFFIX = ".m4s";

    private RepresentationPackager() {
    }

    /**
     * Writes {@code spec} under {@code outputDir} and describes what was written.
     *
     * @param progress receives the number of input media bytes packaged, segment by segment
     * @param workers  threads that prepare segments in parallel when samples are transformed
     */
    public static RepresentationOutput write(RepresentationSpec spec, OutputProfile profile, Path outputDir,
                                             LongConsumer progress, SegmentWorkers workers) throws PackagingException {
        try {
            SampleProtection protection = spec.transforms().newProtection();
            return profile == OutputProfile.LIVE
                    ? writeLive(spec, protection, outputDir, progress, workers)
                    : writeOnDemand(spec, protection, outputDir, progress, workers);
        } catch (IOException e) {
            throw new PackagingException(spec.track().describe() + ": cannot write representation '" + spec.id()
                    + "' under " + outputDir + ": " + e.getMessage(), e);
        }
    }

    private static RepresentationOutput writeLive(RepresentationSpec spec, SampleProtection protection, Path outputDir,
                                                  LongConsumer progress, SegmentWorkers workers)
            throws PackagingException, IOException {
        Path dir = Files.createDirectories(outputDir.resolve(spec.id()));
        Files.write(dir.resolve(INIT_NAME), InitSegmentWriter.write(spec.track(), protection),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SegmentPlan plan = spec.plan();
        SegmentInfo[] segments = new SegmentInfo[plan.segmentCount()];
        // Each segment is its own file, so workers write them as they finish, in any order.
        new SegmentPipeline(spec, true, workers, true).run((k, prepared, size) -> {
            Path file = dir.resolve(SEGMENT_PREFIX + (k + 1) + SEGMENT_SUFFIX);
            SegmentLayout layout = prepared.preparedLayout();
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                prepared.writePrepared(out);
            }
            segments[k] = segmentInfo(spec, k, layout, 0);
            progress.accept(spec.track().samples().bytes(plan.start(k), plan.end(k)));
        });
        return describe(spec, protection, List.of(segments), spec.id() + "/" + INIT_NAME,
                spec.id() + "/" + SEGMENT_PREFIX + "$Number$" + SEGMENT_SUFFIX, null, null, null);
    }

    private static RepresentationOutput writeOnDemand(RepresentationSpec spec, SampleProtection protection,
                                                      Path outputDir, LongConsumer progress, SegmentWorkers workers)
            throws PackagingException, IOException {
        String name = spec.id() + ".mp4";
        byte[] init = InitSegmentWriter.write(spec.track(), protection);
        SegmentPlan plan = spec.plan();
        int sidxSize = SegmentIndexWriter.size(plan.segmentCount());
        List<SegmentInfo> segments = new ArrayList<>(plan.segmentCount());
        try (FileChannel out = FileChannel.open(outputDir.resolve(name), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            writeFully(out, ByteBuffer.wrap(init));
            // The sidx needs every segment's size: reserve its place, write the segments, then fill it in.
            out.position(init.length + (long) sidxSize);
            new SegmentPipeline(spec, false, workers, false).run((k, prepared, size) -> {
                SegmentLayout layout = prepared.preparedLayout();
                long offset = out.position();
                prepared.writePrepared(out);
                segments.add(segmentInfo(spec, k, layout, offset));
                progress.accept(spec.track().samples().bytes(plan.start(k), plan.end(k)));
            });
            BoxWriter sidx = new BoxWriter(sidxSize);
            SegmentIndexWriter.write(sidx, spec.timeline().timescale(), segments);
            out.position(init.length);
            writeFully(out, sidx.view());
        }
        String initRange = "0-" + (init.length - 1);
        String indexRange = init.length + "-" + (init.length + sidxSize - 1);
        return describe(spec, protection, segments, null, null, name, initRange, indexRange);
    }

    /**
     * A segment's start and duration on the media timeline (from its earliest presentation to the
     * next segment's) and where its bytes lie, its file starting at {@code offset}.
     */
    private static SegmentInfo segmentInfo(RepresentationSpec spec, int k, SegmentLayout layout, long offset) {
        SegmentPlan plan = spec.plan();
        TrackTimeline tl = spec.timeline();
        long start = tl.earliestMediaTime(plan.start(k), plan.end(k));
        long end = k + 1 < plan.segmentCount()
                ? tl.earliestMediaTime(plan.start(k + 1), plan.end(k + 1))
                : tl.mediaEndTime(plan.start(k), plan.end(k));
        ByteRange keyFrame = new ByteRange(offset + layout.moofOffset(), layout.firstSampleEnd() - layout.moofOffset());
        return new SegmentInfo(start, Math.max(1, end - start), layout.size(), offset, keyFrame, layout.encrypted());
    }

    private static RepresentationOutput describe(RepresentationSpec spec, SampleProtection protection,
                                                 List<SegmentInfo> segments,
                                                 String initPath, String mediaTemplate, String onDemandPath,
                                                 String initRange, String indexRange) {
        Track track = spec.track();
        TrackFormat f = track.format();
        boolean video = f.kind() == TrackKind.VIDEO;
        long timescale = spec.timeline().timescale();
        Rational frameRate = video ? FrameRates.of(track.samples(), timescale) : null;
        return new RepresentationOutput(spec.id(), f.kind(), f.codecs(), peakBitrate(segments, timescale),
                f.width(), f.height(), frameRate, video ? f.sampleAspectRatio() : null,
                f.channels(), f.sampleRate(), track.language(), timescale,
                spec.timeline().presentationTimeOffset(), segments, initPath, mediaTemplate, 1,
                onDemandPath, initRange, indexRange,
                protection == null ? null : protection.describe());
    }

    /** The highest bit rate of any segment (DASH @bandwidth must cover the worst segment). */
    private static long peakBitrate(List<SegmentInfo> segments, long timescale) {
        double peak = 0;
        for (SegmentInfo s : segments) {
            peak = Math.max(peak, s.size() * 8.0 * timescale / s.duration());
        }
        return Math.max(1, (long) Math.ceil(peak));
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
