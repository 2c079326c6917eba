package io.packager4j.core.cmaf;

import io.packager4j.PackagingException;
import io.packager4j.core.io.RandomAccessSource;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackKind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes CMAF media segments (chunks of one fragment each: optional {@code styp}, {@code moof},
 * {@code mdat}) for one track. One instance per representation; not thread-safe. Its buffers are
 * reused from segment to segment, so memory is bounded by the largest segment, not the file.
 */
public final class MediaSegmentWriter {

    /** sample_depends_on = 2 (an I-frame): a sync sample. */
    static final int SYNC_SAMPLE_FLAGS = 0x02000000;
    /** sample_depends_on = 1, sample_is_non_sync_sample = 1. */
    static final int NON_SYNC_SAMPLE_FLAGS = 0x01010000;

    private static final int TFHD_SAMPLE_DESCRIPTION_INDEX = 0x000002;
    private static final int TFHD_DEFAULT_SAMPLE_FLAGS = 0x000020;
    private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
    private static final int TRUN_DATA_OFFSET = 0x001;
    private static final int TRUN_DURATION = 0x100;
    private static final int TRUN_SIZE = 0x200;
    private static final int TRUN_FLAGS = 0x400;
    private static final int TRUN_COMPOSITION_OFFSET = 0x800;
    private static final int MAX_SEGMENT_BYTES = Integer.MAX_VALUE - 64;

    private final Track track;
    private final SampleTable samples;
    private final TrackTimeline timeline;
    private final SampleDecryption decryption;
    private final SampleProtection protection;
    private final boolean writeStyp;
    private final BoxWriter boxes = new BoxWriter(4096);
    private byte[] media = new byte[0];
    private int preparedFrom = -1;
    private int preparedTo;
    private long preparedMediaBytes;
    private boolean preparedTransformed;
    private SegmentLayout preparedLayout;

    /**
     * @param decryption decrypts the input's samples, or null when the input is clear
     * @param protection encrypts the output's samples, or null for clear output
     */
    public MediaSegmentWriter(Track track, TrackTimeline timeline, SampleDecryption decryption,
                              SampleProtection protection, boolean writeStyp) {
        this.track = track;
        this.samples = track.samples();
        this.timeline = timeline;
        this.decryption = decryption;
        this.protection = protection;
        this.writeStyp = writeStyp;
    }

    /**
     * Builds samples {@code [from, to)} as one segment in memory: the boxes, and the media too
     * when samples are decrypted or encrypted. Lets segments be prepared in parallel by several
     * writers and written out in order; {@link #writePrepared} then writes the result.
     *
     * @return the segment's size in bytes
     */
    public long prepare(int sequenceNumber, int from, int to) throws PackagingException {
        long mediaBytes = samples.bytes(from, to);
        if (mediaBytes > MAX_SEGMENT_BYTES) {
            throw new PackagingException(track.describe() + ": segment " + sequenceNumber + " would hold "
                    + mediaBytes + " bytes of media; choose a shorter segment duration");
        }
        SampleProtection.FragmentProtection fragmentProtection = protection == null ? null
                : protection.beginFragment(sequenceNumber, timeline.presentationTicks(from) / (double) timeline.timescale());
        boolean transformed = decryption != null || fragmentProtection != null;
        if (transformed) {
            // Samples that change pass through memory; clear-to-clear media is copied file to file.
            readMedia(from, to, (int) mediaBytes);
            int offset = 0;
            for (int i = from; i < to; i++) {
                int size = samples.size(i);
                if (decryption != null) {
                    decryption.decrypt(i, media, offset, size);
                }
                if (fragmentProtection != null) {
                    fragmentProtection.processSample(media, offset, size);
                }
                offset += size;
            }
        }

        boxes.reset();
        int moofOffset = 0;
        if (writeStyp) {
            int styp = boxes.begin("styp");
            boxes.fourCC("msdh").u32(0).fourCC("msdh").fourCC("msix");
            boxes.end(styp);
            moofOffset = boxes.position();
        }
        int moof = boxes.begin("moof");
        int mfhd = boxes.beginFull("mfhd", 0, 0);
        boxes.u32(sequenceNumber);
        boxes.end(mfhd);
        int traf = boxes.begin("traf");
        boolean video = track.kind() == TrackKind.VIDEO;
        int descriptionIndex = fragmentProtection == null ? 1 : fragmentProtection.sampleDescriptionIndex();
        int tfhdFlags = TFHD_DEFAULT_BASE_IS_MOOF | (video ? 0 : TFHD_DEFAULT_SAMPLE_FLAGS)
                | (descriptionIndex != 1 ? TFHD_SAMPLE_DESCRIPTION_INDEX : 0);
        int tfhd = boxes.beginFull("tfhd", 0, tfhdFlags);
        boxes.u32(InitSegmentWriter.OUTPUT_TRACK_ID);
        if (descriptionIndex != 1) {
            boxes.u32(descriptionIndex);
        }
        if (!video) {
            boxes.u32(SYNC_SAMPLE_FLAGS);
        }
        boxes.end(tfhd);
        int tfdt = boxes.beginFull("tfdt", 1, 0);
        boxes.u64(timeline.decodeTime(from));
        boxes.end(tfdt);
        int dataOffsetAt = writeTrackRun(from, to, video);
        if (fragmentProtection != null) {
            fragmentProtection.writeTrafBoxes(boxes, moof);
        }
        boxes.end(traf);
        boxes.end(moof);
        int moofSize = boxes.position() - moof;
        boxes.putU32At(dataOffsetAt, moofSize + 8L); // data starts after the moof and the mdat header
        boxes.u32(8 + mediaBytes).fourCC("mdat");
        preparedFrom = from;
        preparedTo = to;
        preparedMediaBytes = mediaBytes;
        preparedTransformed = transformed;
        long size = boxes.position() + mediaBytes;
        // Segments start on a sync sample, and the mdat holds the samples in decode order: the
        // first picture is the first sample, right after the mdat header.
        preparedLayout = new SegmentLayout(size, moofOffset, boxes.position() + (long) samples.size(from),
                fragmentProtection != null && fragmentProtection.encrypts());
        return size;
    }

    /** The layout of the segment {@link #prepare} built last. */
    public SegmentLayout preparedLayout() {
        if (preparedLayout == null) {
            throw new IllegalStateException("no segment prepared");
        }
        return preparedLayout;
    }

    /**
     * Writes the segment {@link #prepare} built: clear media is copied file to file here, without
     * passing through the heap.
     *
     * @return bytes written
     */
    public long writePrepared(WritableByteChannel out) throws PackagingException, IOException {
        if (preparedFrom < 0) {
            throw new IllegalStateException("no segment prepared");
        }
        long written = writeAll(boxes.view(), out);
        if (preparedTransformed) {
            written += writeAll(ByteBuffer.wrap(media, 0, (int) preparedMediaBytes), out);
        } else {
            written += copyMedia(preparedFrom, preparedTo, out);
        }
        preparedFrom = -1;
        return written;
    }

    /** Writes the trun; returns the position of its data_offset field for patching. */
    private int writeTrackRun(int from, int to, boolean video) {
        boolean hasOffsets = false;
        boolean negative = false;
        for (int i = from; i < to; i++) {
            long cto = timeline.compositionOffset(i);
            hasOffsets |= cto != 0;
            negative |= cto < 0;
        }
        int flags = TRUN_DATA_OFFSET | TRUN_DURATION | TRUN_SIZE | (video ? TRUN_FLAGS : 0)
                | (hasOffsets ? TRUN_COMPOSITION_OFFSET : 0);
        int trun = boxes.beginFull("trun", negative ? 1 : 0, flags);
        boxes.u32(to - from);
        int dataOffsetAt = boxes.position();
        boxes.u32(0);
        for (int i = from; i < to; i++) {
            boxes.u32(samples.duration(i)).u32(samples.size(i));
            if (video) {
                boxes.u32(samples.isSync(i) ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
            }
            if (hasOffsets) {
                boxes.u32(timeline.compositionOffset(i) & 0xFFFFFFFFL);
            }
        }
        boxes.end(trun);
        return dataOffsetAt;
    }

    private void readMedia(int from, int to, int length) throws PackagingException {
        if (media.length < length) {
            media = new byte[Math.max(length, media.length + media.length / 2)];
        }
        RandomAccessSource source = track.source();
        int[] offset = {0};
        // Reading across other tracks' interleaved samples in larger spans (fewer system calls,
        // one more copy) was measured and was no faster: see BENCHMARKS.md.
        forEachContiguousRun(from, to, (start, runLength) -> {
            source.readFully(start, ByteBuffer.wrap(media, offset[0], (int) runLength));
            offset[0] += (int) runLength;
        });
    }

    private long copyMedia(int from, int to, WritableByteChannel out) throws PackagingException {
        RandomAccessSource source = track.source();
        long[] written = {0};
        forEachContiguousRun(from, to, (start, runLength) -> {
            source.transferTo(start, runLength, out);
            written[0] += runLength;
        });
        return written[0];
    }

    /** A byte range of the input file. */
    @FunctionalInterface
    private interface RunConsumer {
        void accept(long start, long length) throws PackagingException;
    }

    /**
     * Calls {@code consumer} for each run of samples in {@code [from, to)} that lie back to back in
     * the file, so that media is read or copied in as few calls as possible (usually one per chunk).
     */
    private void forEachContiguousRun(int from, int to, RunConsumer consumer) throws PackagingException {
        int i = from;
        while (i < to) {
            long start = samples.offset(i);
            long end = start + samples.size(i);
            int j = i + 1;
            while (j < to && samples.offset(j) == end) {
                end += samples.size(j);
                j++;
            }
            consumer.accept(start, end - start);
            i = j;
        }
    }

    private static long writeAll(ByteBuffer buffer, WritableByteChannel out) throws IOException {
        long n = buffer.remaining();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        return n;
    }
}
