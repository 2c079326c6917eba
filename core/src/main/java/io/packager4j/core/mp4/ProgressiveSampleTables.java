package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.media.SampleTable;
import org.mp4parser.boxes.iso14496.part12.ChunkOffsetBox;
import org.mp4parser.boxes.iso14496.part12.CompositionTimeToSample;
import org.mp4parser.boxes.iso14496.part12.SampleSizeBox;
import org.mp4parser.boxes.iso14496.part12.SampleTableBox;
import org.mp4parser.boxes.iso14496.part12.SampleToChunkBox;
import org.mp4parser.boxes.iso14496.part12.SyncSampleBox;
import org.mp4parser.boxes.iso14496.part12.TimeToSampleBox;

import java.util.List;

/**
 * Builds a {@link SampleTable} from a progressive file's sample table boxes (stsz, stts, ctts,
 * stss, stsc, stco/co64), checking that they agree with each other and with the file.
 */
final class ProgressiveSampleTables {

    private ProgressiveSampleTables() {
    }

    static SampleTable read(SampleTableBox stbl, String track, long fileSize, ReaderLimits limits)
            throws PackagingException {
        SampleSizeBox stsz = stbl.getSampleSizeBox();
        TimeToSampleBox stts = stbl.getTimeToSampleBox();
        SampleToChunkBox stsc = stbl.getSampleToChunkBox();
        ChunkOffsetBox stco = stbl.getChunkOffsetBox();
        if (stsz == null || stts == null || stsc == null || stco == null) {
            throw new PackagingException(track + ": sample table lacks " + missing(stsz, stts, stsc, stco));
        }
        long declared = stsz.getSampleCount();
        if (declared > limits.maxSamplesPerTrack()) {
            throw new PackagingException(track + ": stsz declares " + declared + " samples, more than the "
                    + limits.maxSamplesPerTrack() + " allowed per track");
        }
        int count = (int) declared;
        // Before the per-sample arrays are allocated: the tables must describe every sample stsz declares.
        long timed = 0;
        for (TimeToSampleBox.Entry e : stts.getEntries()) {
            timed += e.getCount();
        }
        if (timed < count) {
            throw new PackagingException(track + ": stts gives durations for " + timed + " samples but stsz has " + count);
        }
        long[] durations = expandTimeToSample(stts.getEntries(), count, track);
        int[] offsets = expandCompositionOffsets(stbl.getCompositionTimeToSample(), count);
        boolean[] sync = syncFlags(stbl.getSyncSampleBox(), count, track);
        long[] chunkOffsets = stco.getChunkOffsets();
        List<SampleToChunkBox.Entry> chunkRuns = stsc.getEntries();

        SampleTable.Builder table = new SampleTable.Builder();
        int sample = 0;
        long decodeTime = 0;
        int run = 0;
        for (int chunk = 1; chunk <= chunkOffsets.length && sample < count; chunk++) {
            while (run + 1 < chunkRuns.size() && chunkRuns.get(run + 1).getFirstChunk() <= chunk) {
                run++;
            }
            if (chunkRuns.isEmpty() || chunkRuns.get(run).getFirstChunk() > chunk) {
                throw new PackagingException(track + ": stsc does not describe chunk " + chunk);
            }
            long perChunk = chunkRuns.get(run).getSamplesPerChunk();
            if (perChunk <= 0 || perChunk > count) {
                throw new PackagingException(track + ": stsc gives chunk " + chunk + " an impossible "
                        + perChunk + " samples");
            }
            long position = chunkOffsets[chunk - 1];
            for (long k = 0; k < perChunk && sample < count; k++, sample++) {
                long size = stsz.getSampleSizeAtIndex(sample);
                checkSample(track, sample, position, size, fileSize, limits);
                table.add(position, (int) size, decodeTime, (int) durations[sample], offsets[sample], sync[sample]);
                position += size;
                decodeTime += durations[sample];
            }
        }
        if (sample < count) {
            throw new PackagingException(track + ": stsz has " + count + " samples but stsc/stco place only "
                    + sample + " of them in chunks");
        }
        return table.build();
    }

    /**
     * The number of samples in each chunk, for {@code saio} offsets given per chunk; called after
     * {@link #read} has checked that stsc and stco agree with the sample count.
     */
    static TrackEncryptionReader.Runs chunkRuns(SampleTableBox stbl, int sampleCount) {
        long[] chunkOffsets = stbl.getChunkOffsetBox().getChunkOffsets();
        List<SampleToChunkBox.Entry> chunkRuns = stbl.getSampleToChunkBox().getEntries();
        int[] perChunk = new int[chunkOffsets.length];
        int run = 0;
        long left = sampleCount;
        for (int chunk = 1; chunk <= chunkOffsets.length && left > 0; chunk++) {
            while (run + 1 < chunkRuns.size() && chunkRuns.get(run + 1).getFirstChunk() <= chunk) {
                run++;
            }
            long n = Math.min(chunkRuns.get(run).getSamplesPerChunk(), left);
            perChunk[chunk - 1] = (int) n;
            left -= n;
        }
        return new TrackEncryptionReader.Runs(perChunk, perChunk.length, "chunks");
    }

    static void checkSample(String track, int index, long position, long size, long fileSize, ReaderLimits limits)
            throws PackagingException {
        if (size < 0 || size > limits.maxSampleSize()) {
            throw new PackagingException(track + ": sample " + (index + 1) + " declares " + size
                    + " bytes, more than the " + limits.maxSampleSize() + " allowed");
        }
        if (position < 0 || position + size > fileSize) {
            throw new PackagingException(track + ": sample " + (index + 1) + " (" + size + " bytes at offset "
                    + position + ") lies beyond the end of the file (" + fileSize + " bytes; truncated file?)");
        }
    }

    private static long[] expandTimeToSample(List<TimeToSampleBox.Entry> entries, int count, String track)
            throws PackagingException {
        long[] durations = new long[count];
        int i = 0;
        for (TimeToSampleBox.Entry e : entries) {
            long delta = e.getDelta();
            if (delta > Integer.MAX_VALUE) {
                throw new PackagingException(track + ": stts sample duration " + delta + " is out of range");
            }
            for (long n = 0; n < e.getCount() && i < count; n++) {
                durations[i++] = delta;
            }
            if (i == count) {
                break;
            }
        }
        if (i < count) {
            throw new PackagingException(track + ": stts gives durations for " + i + " samples but stsz has " + count);
        }
        return durations;
    }

    private static int[] expandCompositionOffsets(CompositionTimeToSample ctts, int count) {
        int[] offsets = new int[count];
        if (ctts == null) {
            return offsets;
        }
        int i = 0;
        for (CompositionTimeToSample.Entry e : ctts.getEntries()) {
            for (int n = 0; n < e.getCount() && i < count; n++) {
                offsets[i++] = e.getOffset();
            }
            if (i == count) {
                break;
            }
        }
        // Samples beyond a short ctts keep offset 0, as players do.
        return offsets;
    }

    private static boolean[] syncFlags(SyncSampleBox stss, int count, String track) throws PackagingException {
        boolean[] sync = new boolean[count];
        if (stss == null) {
            java.util.Arrays.fill(sync, true); // no stss: every sample is a sync sample (14496-12 8.6.2)
            return sync;
        }
        for (long number : stss.getSampleNumber()) {
            if (number < 1 || number > count) {
                throw new PackagingException(track + ": stss names sample " + number + " but the track has " + count);
            }
            sync[(int) number - 1] = true;
        }
        return sync;
    }

    private static String missing(Object stsz, Object stts, Object stsc, Object stco) {
        StringBuilder b = new StringBuilder();
        if (stsz == null) b.append("stsz ");
        if (stts == null) b.append("stts ");
        if (stsc == null) b.append("stsc ");
        if (stco == null) b.append("stco/co64 ");
        return b.toString().trim();
    }
}
