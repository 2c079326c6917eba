package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.io.RandomAccessSource;
import io.packager4j.core.media.SampleTable;
import org.mp4parser.Box;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.MovieFragmentBox;
import org.mp4parser.boxes.iso14496.part12.SampleFlags;
import org.mp4parser.boxes.iso14496.part12.TrackExtendsBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentBaseMediaDecodeTimeBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackRunBox;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the sample tables of a fragmented file from its movie fragments ({@code moof}: tfhd,
 * tfdt, trun) and the defaults in {@code mvex/trex}, resolving data offsets as ISO/IEC 14496-12
 * 8.8.7 and 8.8.8 define them. For encrypted tracks, each track fragment's per-sample encryption
 * information is handed to the track's {@link TrackEncryptionReader} with the sizes of its samples.
 */
final class FragmentSampleTables {

    private final RandomAccessSource source;
    private final ReaderLimits limits;
    private final TableEntryGuard guard;
    private final Map<Long, TrackExtendsBox> defaults = new HashMap<>();
    private final Map<Long, SampleTable.Builder> tables = new HashMap<>();
    private final Map<Long, Long> nextDecodeTime = new HashMap<>();
    private final Map<Long, String> trackNames;
    private final Map<Long, TrackEncryptionReader> encryption;
    // The current track fragment's sample sizes and run lengths, for its encryption information.
    private int[] trafSizes = new int[256];
    private int[] trunCounts = new int[16];

    /**
     * @param guard      the file's table guard, shared with its moov: it counts the entries of every moof
     * @param encryption the readers of the encrypted tracks' per-sample information, by track ID
     */
    FragmentSampleTables(RandomAccessSource source, ReaderLimits limits, TableEntryGuard guard,
                         List<TrackExtendsBox> trex, Map<Long, String> trackNames,
                         Map<Long, TrackEncryptionReader> encryption) {
        this.source = source;
        this.limits = limits;
        this.guard = guard;
        this.trackNames = trackNames;
        this.encryption = encryption;
        for (TrackExtendsBox t : trex) {
            defaults.put(t.getTrackId(), t);
        }
    }

    /** Seeds a track's table with the samples its {@code stbl} already describes (usually none). */
    void seed(long trackId, SampleTable initial) {
        SampleTable.Builder b = builder(trackId);
        for (int i = 0; i < initial.count(); i++) {
            b.add(initial.offset(i), initial.size(i), initial.decodeTime(i), initial.duration(i),
                    initial.compositionOffset(i), initial.isSync(i));
        }
        nextDecodeTime.put(trackId, initial.endDecodeTime());
    }

    void addFragment(BoxHeader moofHeader) throws PackagingException {
        if (moofHeader.size() > limits.maxMetadataBoxBytes()) {
            throw new PackagingException(source.name() + ": " + moofHeader.describe() + " is " + moofHeader.size()
                    + " bytes, more than the " + limits.maxMetadataBoxBytes() + " allowed");
        }
        byte[] bytes = source.read(moofHeader.offset(), (int) moofHeader.size());
        RawBox rawMoof = BoxTreeParser.parse(bytes, moofHeader.offset(), guard, limits);
        IsoFile parsed = Mp4ParserBridge.parse(bytes, rawMoof, source.name() + ": " + moofHeader.describe());
        try {
            for (Box box : parsed.getBoxes()) {
                if (box instanceof MovieFragmentBox moof) {
                    readFragment(moof, rawMoof, moofHeader);
                }
            }
        } catch (RuntimeException | AssertionError e) {
            // mp4parser checks some fields with assert statements, which fail when assertions are enabled.
            throw new PackagingException(source.name() + ": " + moofHeader.describe() + " is malformed: "
                    + Mp4ParserBridge.describe(e), e);
        }
    }

    private void readFragment(MovieFragmentBox moof, RawBox rawMoof, BoxHeader moofHeader) throws PackagingException {
        long previousTrafDataEnd = moofHeader.offset();
        List<TrackFragmentBox> trafs = moof.getBoxes(TrackFragmentBox.class);
        List<RawBox> rawTrafs = rawMoof.childrenOf("traf");
        if (trafs.size() != rawTrafs.size()) {
            throw new PackagingException(source.name() + ": the track fragments of the " + moofHeader.describe()
                    + " cannot be read consistently");
        }
        for (int t = 0; t < trafs.size(); t++) {
            TrackFragmentBox traf = trafs.get(t);
            TrackFragmentHeaderBox tfhd = traf.getTrackFragmentHeaderBox();
            if (tfhd == null) {
                throw new PackagingException(source.name() + ": " + moofHeader.describe() + " has a traf without tfhd");
            }
            long trackId = tfhd.getTrackId();
            if (!trackNames.containsKey(trackId)) {
                throw new PackagingException(source.name() + ": " + moofHeader.describe()
                        + " has a fragment for track " + trackId + ", which the moov does not declare");
            }
            String track = trackNames.get(trackId);
            TrackExtendsBox trex = defaults.get(trackId);
            if (trex == null) {
                throw new PackagingException(track + ": movie fragments but no trex defaults in mvex");
            }
            long base = tfhd.hasBaseDataOffset() ? tfhd.getBaseDataOffset()
                    : tfhd.isDefaultBaseIsMoof() ? moofHeader.offset() : previousTrafDataEnd;
            List<TrackFragmentBaseMediaDecodeTimeBox> tfdts = traf.getBoxes(TrackFragmentBaseMediaDecodeTimeBox.class);
            long decodeTime = !tfdts.isEmpty() ? tfdts.get(0).getBaseMediaDecodeTime()
                    : nextDecodeTime.getOrDefault(trackId, 0L);
            long defaultDuration = tfhd.hasDefaultSampleDuration() ? tfhd.getDefaultSampleDuration() : trex.getDefaultSampleDuration();
            long defaultSize = tfhd.hasDefaultSampleSize() ? tfhd.getDefaultSampleSize() : trex.getDefaultSampleSize();
            SampleFlags defaultFlags = tfhd.hasDefaultSampleFlags() ? tfhd.getDefaultSampleFlags() : trex.getDefaultSampleFlags();

            SampleTable.Builder table = builder(trackId);
            long position = base;
            int trafSamples = 0;
            int runs = 0;
            for (TrackRunBox trun : traf.getBoxes(TrackRunBox.class)) {
                if (trun.isDataOffsetPresent()) {
                    position = base + trun.getDataOffset();
                }
                List<TrackRunBox.Entry> entries = trun.getEntries();
                trunCounts = grow(trunCounts, runs);
                trunCounts[runs++] = entries.size();
                for (int i = 0; i < entries.size(); i++) {
                    TrackRunBox.Entry e = entries.get(i);
                    long duration = trun.isSampleDurationPresent() ? e.getSampleDuration() : defaultDuration;
                    long size = trun.isSampleSizePresent() ? e.getSampleSize() : defaultSize;
                    SampleFlags flags = trun.isSampleFlagsPresent() ? e.getSampleFlags()
                            : (i == 0 && trun.isFirstSampleFlagsPresent()) ? trun.getFirstSampleFlags() : defaultFlags;
                    long cto = trun.isSampleCompositionTimeOffsetPresent() ? (int) e.getSampleCompositionTimeOffset() : 0;
                    if (table.count() >= limits.maxSamplesPerTrack()) {
                        throw new PackagingException(track + ": more than " + limits.maxSamplesPerTrack() + " samples");
                    }
                    if (duration > Integer.MAX_VALUE) {
                        throw new PackagingException(track + ": sample duration " + duration + " is out of range");
                    }
                    ProgressiveSampleTables.checkSample(track, table.count(), position, size, source.size(), limits);
                    boolean sync = flags == null || !flags.isSampleIsDifferenceSample();
                    table.add(position, (int) size, decodeTime, (int) duration, (int) cto, sync);
                    trafSizes = grow(trafSizes, trafSamples);
                    trafSizes[trafSamples++] = (int) size;
                    position += size;
                    decodeTime += duration;
                }
            }
            TrackEncryptionReader encrypted = encryption.get(trackId);
            if (encrypted != null) {
                encrypted.addTrackFragment(rawTrafs.get(t), moofHeader.describe(), trafSizes, trafSamples,
                        new TrackEncryptionReader.Runs(trunCounts, runs, "track runs"), base, source, limits);
            }
            previousTrafDataEnd = position;
            nextDecodeTime.put(trackId, decodeTime);
        }
    }

    private static int[] grow(int[] a, int used) {
        return used < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    private SampleTable.Builder builder(long trackId) {
        return tables.computeIfAbsent(trackId, id -> new SampleTable.Builder());
    }

    SampleTable table(long trackId) {
        SampleTable.Builder b = tables.get(trackId);
        return b == null ? new SampleTable.Builder().build() : b.build();
    }
}
