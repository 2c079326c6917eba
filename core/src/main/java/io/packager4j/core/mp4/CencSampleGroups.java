package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.media.ProtectionScheme;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code seig} sample groups of ISO/IEC 23001-7 6: {@code sgpd} entries that override the
 * {@code tenc} defaults (key rotation, clear samples), and the {@code sbgp} that maps samples to
 * them (ISO/IEC 14496-12 8.9).
 */
final class CencSampleGroups {

    static final String SEIG = "seig";

    private CencSampleGroups() {
    }

    /**
     * The entries of the first {@code sgpd} with grouping type {@code seig} among {@code parent}'s
     * children, in order (group description index 1 is the first); empty when there is none.
     *
     * @param tenc  the track's defaults, whose pattern a {@code cbcs} group must keep
     * @param track the track, for messages
     */
    static List<CencSampleDefaults> descriptions(RawBox parent, ProtectionScheme scheme, CencSampleDefaults tenc,
                                                 String track) throws PackagingException {
        for (RawBox sgpd : parent.childrenOf("sgpd")) {
            ByteBuffer p = sgpd.payloadBuffer();
            String where = track + ": " + sgpd.describe();
            if (p.remaining() < 8) {
                throw new PackagingException(where + " is cut off before its grouping type");
            }
            if (!SEIG.equals(BoxHeader.fourCC(p.getInt(4)))) {
                continue;
            }
            return readDescriptions(p, scheme, tenc, where);
        }
        return List.of();
    }

    private static List<CencSampleDefaults> readDescriptions(ByteBuffer p, ProtectionScheme scheme,
                                                             CencSampleDefaults tenc, String where)
            throws PackagingException {
        int version = p.get(0) & 0xFF;
        p.position(8);
        long defaultLength = 0;
        if (version == 1) {
            defaultLength = u32(p, where, "default_length");
        } else if (version >= 2) {
            u32(p, where, "default_sample_description_index");
        }
        long count = u32(p, where, "entry_count");
        // Every seig entry has at least 20 bytes: a count beyond that is a lie, not an allocation.
        if (count > p.remaining() / CencSampleDefaults.MIN_BYTES) {
            throw new PackagingException(where + " declares " + count + " 'seig' entries but holds only "
                    + p.remaining() + " bytes of entries");
        }
        List<CencSampleDefaults> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            String entryWhere = where + ": 'seig' entry " + (i + 1);
            CencSampleDefaults d;
            if (version == 1) {
                long length = defaultLength != 0 ? defaultLength : u32(p, where, "description_length");
                if (length > p.remaining()) {
                    throw new PackagingException(entryWhere + " declares " + length + " bytes but only "
                            + p.remaining() + " remain");
                }
                ByteBuffer entry = p.slice(p.position(), (int) length);
                p.position(p.position() + (int) length);
                d = CencSampleDefaults.read(entry, true, entryWhere);
            } else {
                // Versions 0 and 2 carry no entry length; a seig entry delimits itself.
                d = CencSampleDefaults.read(p, true, entryWhere);
            }
            d = ProtectionInfoParser.checkForScheme(d, scheme, entryWhere);
            if (scheme == ProtectionScheme.CBCS && d.isProtected()
                    && (d.cryptByteBlock() != tenc.cryptByteBlock() || d.skipByteBlock() != tenc.skipByteBlock())) {
                throw new PackagingException(entryWhere + " changes the pattern to " + d.cryptByteBlock() + ":"
                        + d.skipByteBlock() + " from the track's " + tenc.cryptByteBlock() + ":" + tenc.skipByteBlock()
                        + "; a pattern per sample group is not supported");
            }
            out.add(d);
        }
        return out;
    }

    /**
     * Walks the sample-to-group mapping of the first {@code sbgp} with grouping type {@code seig}
     * among {@code parent}'s children, sample by sample; every sample maps to index 0 (no group)
     * when there is none.
     */
    static Cursor cursor(RawBox parent, String track) throws PackagingException {
        for (RawBox sbgp : parent.childrenOf("sbgp")) {
            ByteBuffer p = sbgp.payloadBuffer();
            String where = track + ": " + sbgp.describe();
            if (p.remaining() < 8) {
                throw new PackagingException(where + " is cut off before its grouping type");
            }
            if (!SEIG.equals(BoxHeader.fourCC(p.getInt(4)))) {
                continue;
            }
            int version = p.get(0) & 0xFF;
            p.position(8);
            if (version == 1) {
                u32(p, where, "grouping_type_parameter");
            }
            long count = u32(p, where, "entry_count");
            if (count * 8 > p.remaining()) {
                throw new PackagingException(where + " declares " + count + " entries of 8 bytes but holds only "
                        + p.remaining() + " bytes of entries");
            }
            return new Cursor(p.slice(), (int) count);
        }
        return new Cursor(null, 0);
    }

    /** The group description index of each sample in turn. */
    static final class Cursor {
        private final ByteBuffer entries;
        private final int entryCount;
        private int entry;
        private long leftInEntry;
        private int index;

        private Cursor(ByteBuffer entries, int entryCount) {
            this.entries = entries;
            this.entryCount = entryCount;
        }

        /** The group description index of the next sample: 0 for none. */
        int next() {
            while (leftInEntry == 0) {
                if (entry >= entryCount) {
                    return 0; // samples past the mapping belong to no group (14496-12 8.9.2.3)
                }
                leftInEntry = Integer.toUnsignedLong(entries.getInt(entry * 8));
                index = entries.getInt(entry * 8 + 4);
                entry++;
            }
            leftInEntry--;
            return index;
        }
    }

    private static long u32(ByteBuffer p, String where, String field) throws PackagingException {
        if (p.remaining() < 4) {
            throw new PackagingException(where + " is cut off before its " + field);
        }
        return Integer.toUnsignedLong(p.getInt());
    }
}
