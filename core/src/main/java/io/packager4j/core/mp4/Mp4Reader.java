package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.io.RandomAccessSource;
import io.packager4j.core.media.EditList;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackEncryption;
import io.packager4j.core.media.TrackFormat;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.HandlerBox;
import org.mp4parser.boxes.iso14496.part12.MediaHeaderBox;
import org.mp4parser.boxes.iso14496.part12.MovieBox;
import org.mp4parser.boxes.iso14496.part12.MovieExtendsBox;
import org.mp4parser.boxes.iso14496.part12.SampleTableBox;
import org.mp4parser.boxes.iso14496.part12.TrackBox;
import org.mp4parser.boxes.iso14496.part12.TrackExtendsBox;
import org.mp4parser.boxes.iso14496.part12.TrackHeaderBox;
import org.mp4parser.tools.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens an MP4 file (progressive, with {@code moov} before or after {@code mdat}, or fragmented)
 * and describes its audio and video tracks without reading their media.
 *
 * <pre>{@code
 * try (MediaFile file = new Mp4Reader().open(Path.of("in.mp4"))) {
 *     for (Track t : file.tracks()) {
 *         System.out.println(t.describe() + " " + t.format().codecs());
 *     }
 * }
 * }</pre>
 *
 * <p>Common Encryption input ({@code encv}/{@code enca} with {@code cenc} or {@code cbcs}) is read
 * too: the track's format is that of the clear original, and {@link Track#encryption()} carries
 * the scheme and every sample's IV, key ID and subsample map, for a decryptor to use.
 *
 * <p>Only metadata boxes are loaded, each checked against {@link ReaderLimits} first. Every problem
 * is a {@link PackagingException} naming the file and, where it can, the track, box and offset.
 */
public final class Mp4Reader {

    private static final Logger LOG = LoggerFactory.getLogger(Mp4Reader.class);

    private final ReaderLimits limits;

    public Mp4Reader() {
        this(ReaderLimits.DEFAULT);
    }

    public Mp4Reader(ReaderLimits limits) {
        this.limits = limits;
    }

    /** Opens and indexes {@code path}; the caller closes the returned file. */
    public MediaFile open(java.nio.file.Path path) throws PackagingException {
        RandomAccessSource source = RandomAccessSource.open(path);
        try {
            return read(source);
        } catch (PackagingException | RuntimeException | Error e) {
            source.close();
            if (e instanceof RuntimeException || e instanceof AssertionError) {
                // A bug of ours or mp4parser's on a malformed file: still a clear, typed error. mp4parser
                // checks some fields with assert statements, which fail when assertions are enabled.
                throw new PackagingException(source.name() + ": malformed MP4: " + Mp4ParserBridge.describe(e), e);
            }
            throw e;
        }
    }

    private MediaFile read(RandomAccessSource source) throws PackagingException {
        List<BoxHeader> topLevel = FileBoxScanner.scan(source, limits);
        BoxHeader moovHeader = null;
        List<BoxHeader> fragments = new ArrayList<>();
        for (BoxHeader box : topLevel) {
            switch (box.type()) {
                case "moov" -> {
                    if (moovHeader != null) {
                        throw new PackagingException(source.name() + ": a second 'moov' box at offset " + box.offset());
                    }
                    moovHeader = box;
                }
                case "moof" -> fragments.add(box);
                default -> {
                    // mdat, free, sidx, ...: media and indexes are located through moov/moof.
                }
            }
        }
        if (moovHeader == null) {
            throw new PackagingException(source.name() + (fragments.isEmpty()
                    ? ": no 'moov' box: not a complete MP4 file (top-level boxes: " + types(topLevel) + ")"
                    : ": no 'moov' box: this is a media segment without its init segment"));
        }
        if (moovHeader.size() > limits.maxMetadataBoxBytes()) {
            throw new PackagingException(source.name() + ": " + moovHeader.describe() + " is " + moovHeader.size()
                    + " bytes, more than the " + limits.maxMetadataBoxBytes() + " allowed");
        }
        byte[] moovBytes = source.read(moovHeader.offset(), (int) moovHeader.size());
        TableEntryGuard guard = new TableEntryGuard(source.name(), source.size(), limits);
        RawBox moovTree = BoxTreeParser.parse(moovBytes, moovHeader.offset(), guard, limits);
        // Counted on the checked tree, before mp4parser builds an object model of every track.
        int trakCount = moovTree.childrenOf("trak").size();
        if (trakCount > limits.maxTracks()) {
            throw new PackagingException(source.name() + ": " + moovHeader.describe() + " holds " + trakCount
                    + " tracks, more than the " + limits.maxTracks() + " allowed");
        }
        checkSampleEntries(moovTree, source.name());
        IsoFile iso = Mp4ParserBridge.parse(moovBytes, moovTree, source.name() + ": " + moovHeader.describe());
        MovieBox moov = iso.getMovieBox();
        if (moov == null) {
            throw new PackagingException(source.name() + ": " + moovHeader.describe() + " cannot be parsed as a movie box");
        }
        try {
            return readTracks(source, moov, moovTree, fragments, guard);
        } catch (RuntimeException e) {
            throw new PackagingException(source.name() + ": malformed 'moov': " + Mp4ParserBridge.describe(e), e);
        }
    }

    /**
     * Checks the boxes inside every audio and video sample entry before mp4parser reads them: it
     * sizes its buffers from their headers, and {@link BoxTreeParser} does not look inside stsd.
     */
    private static void checkSampleEntries(RawBox moovTree, String fileName) throws PackagingException {
        for (RawBox trak : moovTree.childrenOf("trak")) {
            Optional<RawBox> hdlr = trak.find("mdia", "hdlr");
            Optional<RawBox> stsd = trak.find("mdia", "minf", "stbl", "stsd");
            if (hdlr.isEmpty() || stsd.isEmpty() || hdlr.get().payloadSize() < 12) {
                continue; // reported, with the track's name, when the track is described
            }
            String handler = BoxHeader.fourCC(hdlr.get().payloadBuffer().getInt(8));
            EntryBoxes.checkSampleEntries(stsd.get(), handler, fileName + ": " + trak.describeWithPath());
        }
    }

    private MediaFile readTracks(RandomAccessSource source, MovieBox moov, RawBox moovTree, List<BoxHeader> fragments,
                                 TableEntryGuard guard) throws PackagingException {
        List<TrackBox> trackBoxes = moov.getBoxes(TrackBox.class);
        List<RawBox> rawTracks = moovTree.childrenOf("trak");
        if (trackBoxes.size() != rawTracks.size()) {
            throw new PackagingException(source.name() + ": the moov's track boxes cannot be read consistently");
        }
        long movieTimescale = moov.getMovieHeaderBox() == null ? 0 : moov.getMovieHeaderBox().getTimescale();

        Map<Long, PendingTrack> pending = new LinkedHashMap<>();
        for (int i = 0; i < trackBoxes.size(); i++) {
            PendingTrack t = describeTrack(source, trackBoxes.get(i), rawTracks.get(i), movieTimescale);
            if (t != null) {
                if (pending.containsKey((long) t.trackId)) {
                    throw new PackagingException(source.name() + ": two tracks with ID " + t.trackId);
                }
                pending.put((long) t.trackId, t);
            }
        }
        if (pending.isEmpty()) {
            throw new PackagingException(source.name() + ": no audio or video track (found "
                    + trackBoxes.size() + " track(s) of other kinds)");
        }

        boolean fragmented = !fragments.isEmpty();
        FragmentSampleTables fragmentTables = null;
        if (fragmented) {
            MovieExtendsBox mvex = Path.getPath(moov, "mvex");
            List<TrackExtendsBox> trex = mvex == null ? List.of() : mvex.getBoxes(TrackExtendsBox.class);
            Map<Long, String> names = new HashMap<>();
            for (PendingTrack t : pending.values()) {
                names.put((long) t.trackId, t.name);
            }
            // Fragments may also carry tracks we ignore (e.g. subtitles); name them so they are skipped, not refused.
            for (TrackBox tb : trackBoxes) {
                TrackHeaderBox tkhd = tb.getTrackHeaderBox();
                if (tkhd != null) {
                    names.putIfAbsent(tkhd.getTrackId(), source.name() + " track " + tkhd.getTrackId());
                }
            }
            Map<Long, TrackEncryptionReader> encrypted = new HashMap<>();
            for (PendingTrack t : pending.values()) {
                if (t.encryption != null) {
                    encrypted.put((long) t.trackId, t.encryption);
                }
            }
            fragmentTables = new FragmentSampleTables(source, limits, guard, trex, names, encrypted);
            for (PendingTrack t : pending.values()) {
                fragmentTables.seed(t.trackId, t.stblSamples);
            }
            for (BoxHeader moof : fragments) {
                fragmentTables.addFragment(moof);
            }
        }

        List<Track> tracks = new ArrayList<>();
        for (PendingTrack t : pending.values()) {
            SampleTable samples = fragmented ? fragmentTables.table(t.trackId) : t.stblSamples;
            if (samples.count() == 0) {
                LOG.warn("{}: no samples; track ignored", t.name);
                continue;
            }
            TrackEncryption encryption = t.encryption == null ? null : t.encryption.build(samples.count());
            tracks.add(new Track(source, t.trackId, t.timescale, t.language, t.format, samples, t.editList,
                    encryption));
        }
        if (tracks.isEmpty()) {
            throw new PackagingException(source.name() + ": no audio or video track has any samples");
        }
        return new MediaFile(source, tracks, fragmented);
    }

    /** Reads what the moov says about one track, or null for tracks that are neither audio nor video. */
    private PendingTrack describeTrack(RandomAccessSource source, TrackBox trak, RawBox rawTrak, long movieTimescale)
            throws PackagingException {
        TrackHeaderBox tkhd = trak.getTrackHeaderBox();
        if (tkhd == null) {
            throw new PackagingException(source.name() + ": " + rawTrak.describe() + " has no tkhd");
        }
        long trackId = tkhd.getTrackId();
        String name = source.name() + " track " + trackId;
        HandlerBox hdlr = Path.getPath(trak, "mdia/hdlr");
        MediaHeaderBox mdhd = Path.getPath(trak, "mdia/mdhd");
        SampleTableBox stbl = Path.getPath(trak, "mdia/minf/stbl");
        if (hdlr == null || mdhd == null || stbl == null) {
            throw new PackagingException(name + ": incomplete track (missing "
                    + (hdlr == null ? "hdlr " : "") + (mdhd == null ? "mdhd " : "") + (stbl == null ? "stbl" : "").trim() + ")");
        }
        String handler = hdlr.getHandlerType();
        if (!"vide".equals(handler) && !"soun".equals(handler)) {
            LOG.info("{}: '{}' track ignored (only audio and video are packaged)", name, handler);
            return null;
        }
        name = name + " (" + ("vide".equals(handler) ? "video" : "audio") + ")";
        long timescale = mdhd.getTimescale();
        if (timescale <= 0) {
            throw new PackagingException(name + ": media timescale is 0");
        }
        RawBox stsd = rawTrak.find("mdia", "minf", "stbl", "stsd").orElseThrow(
                () -> new PackagingException(source.name() + ": " + rawTrak.describe() + " has no stsd"));
        SampleEntryParser.ParsedEntry entry = SampleEntryParser.parse(stsd, name, handler);
        TrackFormat format = entry.format();
        SampleTable samples = ProgressiveSampleTables.read(stbl, name, source.size(), limits);
        TrackEncryptionReader encryption = null;
        if (entry.protection() != null) {
            RawBox rawStbl = rawTrak.find("mdia", "minf", "stbl").orElseThrow();
            encryption = new TrackEncryptionReader(entry.protection(), rawStbl, name);
            LOG.info("{}: encrypted with '{}' (key ID {}), original format '{}'", name,
                    entry.protection().scheme().fourCC(), HexFormat.of().formatHex(entry.protection().defaults().keyId()),
                    entry.protection().originalFormat());
            if (samples.count() > 0) {
                // A progressive track, or samples of a fragmented file's moov: saiz/saio in stbl.
                int[] sizes = new int[samples.count()];
                for (int i = 0; i < sizes.length; i++) {
                    sizes[i] = samples.size(i);
                }
                encryption.addProgressive(rawStbl, sizes, sizes.length,
                        ProgressiveSampleTables.chunkRuns(stbl, sizes.length), source, limits);
            }
        }
        EditList edits = EditListReader.read(Path.getPath(trak, "edts/elst"), movieTimescale, timescale, name);
        String language = mdhd.getLanguage();
        if (language == null || language.isBlank() || !language.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            language = "und";
        }
        return new PendingTrack((int) trackId, name, timescale, language, format, samples, edits, encryption);
    }

    private static String types(List<BoxHeader> boxes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < boxes.size() && i < 8; i++) {
            b.append(i == 0 ? "" : ", ").append(boxes.get(i).type());
        }
        return boxes.size() > 8 ? b + ", ..." : b.toString();
    }

    private record PendingTrack(int trackId, String name, long timescale, String language, TrackFormat format,
                                SampleTable stblSamples, EditList editList, TrackEncryptionReader encryption) {
    }
}
