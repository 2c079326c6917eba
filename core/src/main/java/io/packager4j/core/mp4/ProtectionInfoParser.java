package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.media.ProtectionScheme;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code sinf} of an {@code encv} or {@code enca} sample entry (ISO/IEC 14496-12 8.12,
 * ISO/IEC 23001-7 8) and rebuilds the clear sample entry: the same box with its type replaced by
 * the {@code frma} original format and every {@code sinf} removed, which is what the entry looked
 * like before encryption, so the clear-track parser can read it unchanged.
 */
final class ProtectionInfoParser {

    /** The protection information and the clear sample entry it was taken out of. */
    record Unwrapped(ProtectionInfo info, byte[] clearEntry) {
    }

    private ProtectionInfoParser() {
    }

    /**
     * @param entry      the whole encrypted sample entry box
     * @param childrenAt where its child boxes start (after the visual or audio fields)
     * @param track      the track, for messages
     */
    static Unwrapped unwrap(byte[] entry, int childrenAt, String track) throws PackagingException {
        String type = new String(entry, 4, 4, StandardCharsets.ISO_8859_1);
        String where = track + ": the '" + type + "' sample entry";
        List<EntryBoxes.Span> children = EntryBoxes.list(entry, childrenAt, entry.length, where);
        List<EntryBoxes.Span> sinfs = new ArrayList<>();
        for (EntryBoxes.Span c : children) {
            if (c.type().equals("sinf")) {
                sinfs.add(c);
            }
        }
        if (sinfs.isEmpty()) {
            throw new PackagingException(where + " has no 'sinf' box: its original format and scheme are unknown");
        }
        // Several sinf boxes may offer alternative schemes (14496-12 8.12.1): use the first we support.
        ProtectionInfo chosen = null;
        String unsupported = null;
        for (EntryBoxes.Span sinf : sinfs) {
            Scheme s = scheme(entry, sinf, where);
            if (s.scheme.isPresent()) {
                chosen = parseSinf(entry, sinf, s.scheme.get(), where);
                break;
            }
            if (unsupported == null) {
                unsupported = s.fourCC;
            }
        }
        if (chosen == null) {
            throw new PackagingException(track + ": protection scheme '" + unsupported
                    + "' is not supported (supported: cenc, cbcs)");
        }
        return new Unwrapped(chosen, clearEntry(entry, sinfs, chosen.originalFormat()));
    }

    private record Scheme(String fourCC, Optional<ProtectionScheme> scheme) {
    }

    private static Scheme scheme(byte[] entry, EntryBoxes.Span sinf, String where) throws PackagingException {
        String sinfWhere = where + ": its 'sinf' box";
        EntryBoxes.Span schm = only(entry, sinf, "schm", sinfWhere);
        // schm: version/flags, scheme_type, scheme_version[, scheme_uri]
        if (schm.payloadSize() < 12) {
            throw new PackagingException(sinfWhere + ": 'schm' is " + schm.payloadSize()
                    + " bytes, too short for its 12 bytes of fields");
        }
        int value = (int) EntryBoxes.u32(entry, schm.payloadStart() + 4);
        String fourCC = BoxHeader.printable(value);
        return new Scheme(fourCC, ProtectionScheme.forFourCC(fourCC));
    }

    private static ProtectionInfo parseSinf(byte[] entry, EntryBoxes.Span sinf, ProtectionScheme scheme, String where)
            throws PackagingException {
        String sinfWhere = where + ": its 'sinf' box";
        EntryBoxes.Span frma = only(entry, sinf, "frma", sinfWhere);
        if (frma.payloadSize() < 4) {
            throw new PackagingException(sinfWhere + ": 'frma' is " + frma.payloadSize()
                    + " bytes, too short for the 4-byte original format");
        }
        int formatValue = (int) EntryBoxes.u32(entry, frma.payloadStart());
        String originalFormat = BoxHeader.fourCC(formatValue);
        if (originalFormat == null) {
            throw new PackagingException(sinfWhere + ": 'frma' names an impossible original format "
                    + BoxHeader.printable(formatValue));
        }
        EntryBoxes.Span schi = only(entry, sinf, "schi", sinfWhere);
        EntryBoxes.Span tenc = only(entry, schi, "tenc", sinfWhere + ": its 'schi' box");
        String tencWhere = where + ": its 'tenc' box";
        ByteBuffer t = ByteBuffer.wrap(entry, tenc.payloadStart(), tenc.payloadSize()).slice();
        if (t.remaining() < 4) {
            throw new PackagingException(tencWhere + " is cut off before its version");
        }
        int version = t.get() & 0xFF;
        t.position(4);
        if (version > 1) {
            throw new PackagingException(tencWhere + " has version " + version + " (only 0 and 1 are defined)");
        }
        CencSampleDefaults d = CencSampleDefaults.read(t, version == 1, tencWhere);
        d = checkForScheme(d, scheme, tencWhere);
        return new ProtectionInfo(scheme, originalFormat, d);
    }

    /**
     * Applies what the scheme requires of its parameters: {@code cenc} has a per-sample IV and no
     * pattern (a pattern there means {@code cens}, which we do not read).
     */
    static CencSampleDefaults checkForScheme(CencSampleDefaults d, ProtectionScheme scheme, String where)
            throws PackagingException {
        if (scheme == ProtectionScheme.CENC) {
            if (d.isProtected() && d.perSampleIvSize() == 0) {
                throw new PackagingException(where + ": scheme 'cenc' needs a per-sample IV, but the IV size is 0");
            }
            if (d.cryptByteBlock() != 0 || d.skipByteBlock() != 0) {
                // Pattern fields are reserved for cenc; some writers leave junk there. Ignore them.
                return new CencSampleDefaults(d.isProtected(), d.perSampleIvSize(), d.keyId(), d.constantIv(), 0, 0);
            }
        }
        return d;
    }

    /** The one child of {@code parent} with this type; missing is an error. */
    private static EntryBoxes.Span only(byte[] entry, EntryBoxes.Span parent, String type, String where)
            throws PackagingException {
        for (EntryBoxes.Span c : EntryBoxes.list(entry, parent.payloadStart(), parent.end(), where)) {
            if (c.type().equals(type)) {
                return c;
            }
        }
        throw new PackagingException(where + " has no '" + type + "' box");
    }

    private static byte[] clearEntry(byte[] entry, List<EntryBoxes.Span> sinfs, String originalFormat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entry.length);
        int pos = 0;
        for (EntryBoxes.Span s : sinfs) {
            out.write(entry, pos, s.start() - pos);
            pos = s.end();
        }
        out.write(entry, pos, entry.length - pos);
        byte[] clear = out.toByteArray();
        ByteBuffer.wrap(clear).putInt(0, clear.length);
        byte[] type = originalFormat.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(type, 0, clear, 4, 4);
        return clear;
    }
}
