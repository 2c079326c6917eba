package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.io.RandomAccessSource;
import io.packager4j.core.media.SampleEncryptionTable;
import io.packager4j.core.media.TrackEncryption;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Collects the per-sample encryption information of one encrypted track, fragment by fragment
 * ({@code senc}, or {@code saiz}/{@code saio} pointing elsewhere in the file) or from a progressive
 * file's {@code stbl} ({@code saiz}/{@code saio}), applying the {@code tenc} defaults and any
 * {@code seig} sample groups, into a {@link SampleEncryptionTable} with one entry per sample.
 *
 * <p>Every subsample map is checked against its sample's size here, at read time, so a bad file is
 * refused when it is opened rather than halfway through packaging.
 */
final class TrackEncryptionReader {

    /** Group description indexes above this refer to the fragment's own {@code sgpd} (14496-12 8.9.4). */
    private static final long FRAGMENT_LOCAL_GROUPS = 0x10000;

    private final ProtectionInfo info;
    private final String track;
    private final List<CencSampleDefaults> trackGroups;
    private final SampleEncryptionTable.Builder table = new SampleEncryptionTable.Builder();
    // Reused for every sample: the builder copies IVs, so nothing is allocated per sample.
    private final byte[] iv8 = new byte[8];
    private final byte[] iv16 = new byte[16];

    /**
     * @param info  the track's {@code sinf}
     * @param stbl  the track's sample table box, for its {@code seig} sample group descriptions
     * @param track the track, for messages
     */
    TrackEncryptionReader(ProtectionInfo info, RawBox stbl, String track) throws PackagingException {
        this.info = info;
        this.track = track;
        this.trackGroups = stbl == null ? List.of()
                : CencSampleGroups.descriptions(stbl, info.scheme(), info.defaults(), track);
    }

    /** The finished description; {@code sampleCount} is the track's, which the table must match. */
    TrackEncryption build(int sampleCount) throws PackagingException {
        if (table.count() != sampleCount) {
            throw new PackagingException(track + ": encryption information describes " + table.count()
                    + " samples but the track has " + sampleCount);
        }
        return info.toTrackEncryption(table.build());
    }

    /** Where a run of samples comes from, for messages and for resolving sample groups. */
    private record Scope(String where, RawBox parent, List<CencSampleDefaults> localGroups, boolean fragment) {
    }

    /**
     * Runs of samples whose auxiliary information may have an offset each: a fragment's track runs,
     * a progressive track's chunks.
     *
     * @param sampleCounts samples of each run ({@code count} of them are used)
     * @param what         "track runs" or "chunks", for messages
     */
    record Runs(int[] sampleCounts, int count, String what) {
    }

    /**
     * Adds the samples of one track fragment.
     *
     * @param traf     the track fragment box
     * @param fragment its movie fragment, for messages: "'moof' box at offset 1234"
     * @param sizes    the sizes of its samples, in order ({@code n} of them)
     * @param n        its sample count
     * @param runs     its track runs' sample counts (for {@code saio} offsets per run)
     * @param auxBase  the base offset the tfhd establishes, to which {@code saio} offsets are relative
     */
    void addTrackFragment(RawBox traf, String fragment, int[] sizes, int n, Runs runs, long auxBase,
                          RandomAccessSource source, ReaderLimits limits) throws PackagingException {
        String where = track + ": the track fragment in the " + fragment;
        List<CencSampleDefaults> local = CencSampleGroups.descriptions(traf, info.scheme(), info.defaults(), where);
        Scope scope = new Scope(where, traf, local, true);
        if (n == 0) {
            return;
        }
        RawBox senc = sampleEncryptionBox(traf);
        if (senc != null) {
            readSenc(senc, scope, sizes, n);
            return;
        }
        AuxInfo aux = AuxInfo.find(traf, info.scheme().fourCC(), where);
        if (aux != null) {
            readAuxInfo(aux, scope, sizes, n, runs, auxBase, source, limits);
            return;
        }
        withoutAuxInfo(scope, n);
    }

    /**
     * Adds the samples of a progressive track, whose auxiliary information {@code saiz}/{@code saio}
     * in {@code stbl} locate with absolute file offsets.
     *
     * @param chunks the track's chunks' sample counts (for {@code saio} offsets per chunk)
     */
    void addProgressive(RawBox stbl, int[] sizes, int n, Runs chunks, RandomAccessSource source,
                        ReaderLimits limits) throws PackagingException {
        Scope scope = new Scope(track + ": 'stbl'", stbl, List.of(), false);
        if (n == 0) {
            return;
        }
        AuxInfo aux = AuxInfo.find(stbl, info.scheme().fourCC(), scope.where());
        if (aux != null) {
            readAuxInfo(aux, scope, sizes, n, chunks, 0, source, limits);
            return;
        }
        withoutAuxInfo(scope, n);
    }

    /** The {@code senc} box, or the PIFF 1.1 {@code uuid} box of the same layout that predates it. */
    private static RawBox sampleEncryptionBox(RawBox traf) {
        for (RawBox b : traf.children()) {
            if (b.type().equals("senc") || (b.type().equals("uuid") && AuxInfo.isPiffSampleEncryption(b))) {
                return b;
            }
        }
        return null;
    }

    private void readSenc(RawBox senc, Scope scope, int[] sizes, int n) throws PackagingException {
        String where = scope.where() + ": " + senc.describe();
        ByteBuffer p = senc.payloadBuffer();
        if (p.remaining() < 8) {
            throw new PackagingException(where + " is cut off before its sample count");
        }
        int flags = p.getInt(0) & 0xFFFFFF;
        if ((flags & 0x1) != 0) {
            throw new PackagingException(where + " overrides the track's encryption parameters (flag 0x1, as in PIFF);"
                    + " this is not supported");
        }
        long count = Integer.toUnsignedLong(p.getInt(4));
        if (count != n) {
            throw new PackagingException(where + " describes " + count + " samples but the track runs of its"
                    + " fragment have " + n);
        }
        p.position(8);
        boolean subsamples = (flags & 0x2) != 0;
        CencSampleGroups.Cursor groups = CencSampleGroups.cursor(scope.parent(), scope.where());
        for (int i = 0; i < n; i++) {
            CencSampleDefaults d = resolve(groups.next(), scope, i);
            readSample(p, d, subsamples, sizes[i], where, i);
        }
        if (p.hasRemaining()) {
            throw new PackagingException(where + " holds " + p.remaining() + " bytes more than its " + n
                    + " samples need (wrong IV size?)");
        }
    }

    private void readAuxInfo(AuxInfo aux, Scope scope, int[] sizes, int n, Runs runs, long base,
                             RandomAccessSource source, ReaderLimits limits) throws PackagingException {
        if (aux.sampleCount() != n) {
            throw new PackagingException(scope.where() + ": 'saiz' describes " + aux.sampleCount()
                    + " samples but there are " + n);
        }
        ByteBuffer bytes = aux.read(n, runs, base, source, limits, scope.where());
        CencSampleGroups.Cursor groups = CencSampleGroups.cursor(scope.parent(), scope.where());
        String where = scope.where() + ": sample auxiliary information";
        for (int i = 0; i < n; i++) {
            CencSampleDefaults d = resolve(groups.next(), scope, i);
            int infoSize = aux.size(i);
            int start = bytes.position();
            if (infoSize < d.perSampleIvSize() || infoSize > bytes.remaining()) {
                throw new PackagingException(where + " of sample " + (i + 1) + " is " + infoSize
                        + " bytes, which cannot hold its " + d.perSampleIvSize() + "-byte IV");
            }
            ByteBuffer one = bytes.slice(start, infoSize);
            // The subsample map is present exactly when the information is longer than the IV.
            readSample(one, d, infoSize > d.perSampleIvSize(), sizes[i], where, i);
            if (one.hasRemaining()) {
                throw new PackagingException(where + " of sample " + (i + 1) + " is " + infoSize + " bytes, "
                        + one.remaining() + " more than its IV and subsample map");
            }
            bytes.position(start + infoSize);
        }
    }

    /**
     * No auxiliary information: acceptable only if no sample needs a per-sample IV (clear samples,
     * or a constant IV), and then every protected sample is protected whole.
     */
    private void withoutAuxInfo(Scope scope, int n) throws PackagingException {
        CencSampleGroups.Cursor groups = CencSampleGroups.cursor(scope.parent(), scope.where());
        for (int i = 0; i < n; i++) {
            CencSampleDefaults d = resolve(groups.next(), scope, i);
            if (d.isProtected() && d.perSampleIvSize() != 0) {
                throw new PackagingException(scope.where() + ": no 'senc' box and no 'saiz'/'saio' sample"
                        + " auxiliary information, but sample " + (i + 1) + " is protected and needs its "
                        + d.perSampleIvSize() + "-byte per-sample IV");
            }
            if (d.isProtected()) {
                table.addProtected(d.keyId(), d.constantIv());
            } else {
                table.addClear();
            }
        }
    }

    /** The parameters of sample {@code i} given its {@code seig} group description index. */
    private CencSampleDefaults resolve(int groupIndex, Scope scope, int i) throws PackagingException {
        long index = Integer.toUnsignedLong(groupIndex);
        if (index == 0) {
            return info.defaults();
        }
        List<CencSampleDefaults> groups = trackGroups;
        long entry = index;
        if (scope.fragment() && index > FRAGMENT_LOCAL_GROUPS) {
            groups = scope.localGroups();
            entry = index - FRAGMENT_LOCAL_GROUPS;
        }
        if (entry > groups.size()) {
            throw new PackagingException(scope.where() + ": 'sbgp' maps sample " + (i + 1)
                    + " to 'seig' group description " + index + ", which does not exist ("
                    + groups.size() + " in the " + (groups == trackGroups ? "track's" : "fragment's") + " 'sgpd')");
        }
        return groups.get((int) entry - 1);
    }

    /** Reads one sample's CencSampleAuxiliaryDataFormat (23001-7 7.2.2) and adds it to the table. */
    private void readSample(ByteBuffer in, CencSampleDefaults d, boolean subsamples, int sampleSize,
                            String where, int i) throws PackagingException {
        int ivSize = d.perSampleIvSize();
        if (in.remaining() < ivSize) {
            throw new PackagingException(where + " is cut off in the IV of sample " + (i + 1));
        }
        byte[] iv = null;
        if (ivSize > 0) {
            iv = ivSize == 8 ? iv8 : iv16;
            in.get(iv);
        }
        if (d.isProtected()) {
            table.addProtected(d.keyId(), iv != null ? iv : d.constantIv());
        } else {
            table.addClear();
        }
        if (!subsamples) {
            return;
        }
        if (in.remaining() < 2) {
            throw new PackagingException(where + " is cut off before the subsample count of sample " + (i + 1));
        }
        int count = in.getShort() & 0xFFFF;
        if (count * 6 > in.remaining()) {
            throw new PackagingException(where + " gives sample " + (i + 1) + " " + count
                    + " subsamples but holds only " + in.remaining() + " bytes for them");
        }
        long total = 0;
        int start = in.position();
        for (int k = 0; k < count; k++) {
            total += (in.getShort() & 0xFFFF) + Integer.toUnsignedLong(in.getInt());
        }
        // A map of 0 entries protects the whole sample, like no map at all.
        if (count > 0 && total != sampleSize) {
            throw new PackagingException(where + ": the subsamples of sample " + (i + 1) + " cover " + total
                    + " bytes but the sample has " + sampleSize);
        }
        if (!d.isProtected()) {
            return; // a clear sample's map, if any, changes nothing
        }
        in.position(start);
        for (int k = 0; k < count; k++) {
            int clear = in.getShort() & 0xFFFF;
            long protectedBytes = Integer.toUnsignedLong(in.getInt());
            table.subsample(clear, protectedBytes);
        }
    }
}
