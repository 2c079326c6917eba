package io.packager4j.core.packaging;

import io.packager4j.PackagingException;
import io.packager4j.core.cmaf.BoxWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merges single-track init segments (as {@link io.packager4j.core.cmaf.InitSegmentWriter} writes
 * them, every one with track_ID 1) into the header of one multi-track fragmented MP4: an {@code
 * ftyp} and a {@code moov} with one {@code mvhd}, each {@code trak} renumbered, one {@code mvex}
 * with a {@code mehd} (the whole duration, since the file is complete) and every track's {@code
 * trex}, and each distinct {@code pssh} once.
 *
 * <p>The {@code trak}s are copied, not rebuilt, so sample entries ({@code encv}/{@code enca} with
 * their {@code sinf}) stay byte for byte what the segments were encrypted against. The one addition
 * is an edit list when a track's presentation starts after its first media time (the DASH
 * presentationTimeOffset, e.g. AAC priming): a single file has no manifest to carry it.
 */
final class MovieBoxMerger {

    /** Ticks per second of the movie timeline ({@code mvhd}, {@code mehd}, {@code elst} durations). */
    static final long MOVIE_TIMESCALE = 1000;

    /**
     * One track to merge.
     *
     * @param initSegment            the track's init segment (ftyp + moov)
     * @param name                   where it came from, for messages
     * @param presentationTimeOffset media time (in the track's timescale) presented first
     * @param durationSeconds        presentation duration of the track
     */
    record TrackHeader(byte[] initSegment, String name, long presentationTimeOffset, double durationSeconds) {
    }

    private MovieBoxMerger() {
    }

    /**
     * The merged {@code ftyp} + {@code moov}; track {@code i} of the list gets track_ID {@code i + 1}.
     *
     * @param durationSeconds the presentation's duration, for {@code mehd}
     */
    static byte[] merge(List<TrackHeader> tracks, double durationSeconds) throws PackagingException {
        BoxWriter w = new BoxWriter(4096 + tracks.stream().mapToInt(t -> t.initSegment().length).sum());
        int ftyp = w.begin("ftyp");
        w.fourCC("iso6").u32(0).fourCC("iso6").fourCC("mp41");
        w.end(ftyp);

        int moov = w.begin("moov");
        writeMovieHeader(w, tracks.size() + 1);
        List<byte[]> trexes = new ArrayList<>();
        List<byte[]> psshes = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            TrackHeader t = tracks.get(i);
            int trackId = i + 1;
            byte[] init = t.initSegment();
            BufferedBox moovBox = onlyTopLevel(init, "moov", t.name());
            for (BufferedBox child : BufferedBox.children(init, moovBox.payloadOffset(), moovBox.end(), t.name())) {
                switch (child.type()) {
                    case "trak" -> writeTrack(w, init, child, trackId, t);
                    case "mvex" -> trexes.add(renumberedTrex(init, child, trackId, t.name()));
                    case "pssh" -> addOnce(psshes, Arrays.copyOfRange(init, child.offset(), child.end()));
                    default -> {
                        // mvhd is written once for all tracks above; our init segments hold nothing else.
                    }
                }
            }
        }
        int mvex = w.begin("mvex");
        int mehd = w.beginFull("mehd", 1, 0);
        w.u64(Math.round(durationSeconds * MOVIE_TIMESCALE));
        w.end(mehd);
        trexes.forEach(w::bytes);
        w.end(mvex);
        psshes.forEach(w::bytes);
        w.end(moov);
        return w.toByteArray();
    }

    private static void writeMovieHeader(BoxWriter w, int nextTrackId) {
        int mvhd = w.beginFull("mvhd", 0, 0);
        // Duration 0: in a fragmented file it covers the moov's samples, which are none; mehd says the rest.
        w.u32(0).u32(0).u32(MOVIE_TIMESCALE).u32(0)
                .u32(0x00010000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
        w.u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000); // unity matrix
        w.zeros(24).u32(nextTrackId); // pre_defined, next_track_ID
        w.end(mvhd);
    }

    /** Copies a trak with its tkhd's track_ID replaced and, when needed, an edit list after the tkhd. */
    private static void writeTrack(BoxWriter w, byte[] init, BufferedBox trak, int trackId, TrackHeader t)
            throws PackagingException {
        int out = w.begin("trak");
        for (BufferedBox child : BufferedBox.children(init, trak.payloadOffset(), trak.end(), t.name())) {
            switch (child.type()) {
                case "tkhd" -> {
                    byte[] tkhd = Arrays.copyOfRange(init, child.offset(), child.end());
                    int payload = child.payloadOffset() - child.offset();
                    // After version/flags come creation and modification times: 4 bytes each in
                    // version 0, 8 in version 1.
                    int trackIdAt = payload + 4 + (tkhd[payload] == 1 ? 16 : 8);
                    requireRoom(tkhd, trackIdAt, "tkhd", t.name());
                    BufferedBox.writeU32(tkhd, trackIdAt, trackId);
                    w.bytes(tkhd);
                    if (t.presentationTimeOffset() > 0) {
                        writeEditList(w, t);
                    }
                }
                case "edts" -> {
                    // Replaced by the edit list above: the segments' timing already applies any input edits.
                }
                default -> w.bytes(init, child.offset(), child.size());
            }
        }
        w.end(out);
    }

    /** One edit: present the track from its presentationTimeOffset on, for its whole duration. */
    private static void writeEditList(BoxWriter w, TrackHeader t) {
        int edts = w.begin("edts");
        int elst = w.beginFull("elst", 1, 0);
        w.u32(1) // entry_count
                .u64(Math.round(t.durationSeconds() * MOVIE_TIMESCALE)) // segment_duration, movie timescale
                .u64(t.presentationTimeOffset()) // media_time, track timescale
                .u16(1).u16(0); // media_rate 1.0
        w.end(elst);
        w.end(edts);
    }

    private static byte[] renumberedTrex(byte[] init, BufferedBox mvex, int trackId, String name)
            throws PackagingException {
        BufferedBox trex = mvex.onlyChild(init, "trex", name);
        byte[] copy = Arrays.copyOfRange(init, trex.offset(), trex.end());
        int trackIdAt = trex.payloadOffset() - trex.offset() + 4; // after version and flags
        requireRoom(copy, trackIdAt, "trex", name);
        BufferedBox.writeU32(copy, trackIdAt, trackId);
        return copy;
    }

    private static BufferedBox onlyTopLevel(byte[] init, String type, String name) throws PackagingException {
        for (BufferedBox b : BufferedBox.children(init, 0, init.length, name)) {
            if (b.type().equals(type)) {
                return b;
            }
        }
        throw new PackagingException(name + ": no '" + type + "' box in the init segment");
    }

    /** Adds a box unless the same bytes are there already (tracks sharing a key carry the same pssh). */
    private static void addOnce(List<byte[]> boxes, byte[] box) {
        for (byte[] b : boxes) {
            if (Arrays.equals(b, box)) {
                return;
            }
        }
        boxes.add(box);
    }

    private static void requireRoom(byte[] box, int fieldAt, String type, String name) throws PackagingException {
        if (fieldAt + 4 > box.length) {
            throw new PackagingException(name + ": '" + type + "' box of " + box.length + " bytes is too short");
        }
    }
}
