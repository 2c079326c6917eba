package io.packager4j.crypto.cenc;

import io.packager4j.PackagingException;
import io.packager4j.core.cmaf.BoxWriter;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackKind;
import io.packager4j.crypto.KeyId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns a clear sample entry into a protected one (ISO/IEC 23001-7 8.12 and 14496-12 8.12): the
 * type becomes {@code encv} or {@code enca}, and a {@code sinf} box is appended holding the
 * original format ({@code frma}), the scheme ({@code schm}) and the track's defaults ({@code
 * tenc}). Everything else in the entry (codec configuration, pasp, btrt...) stays as it was.
 */
final class ProtectedSampleEntry {

    private ProtectedSampleEntry() {
    }

    /** The {@code tenc} defaults to write. */
    record TrackDefaults(ProtectionScheme scheme, KeyId keyId, int perSampleIvSize, byte[] constantIv,
                         int cryptByteBlock, int skipByteBlock) {
    }

    static byte[] wrap(byte[] clearEntry, TrackKind kind, TrackDefaults defaults) throws PackagingException {
        ByteBuffer b = ByteBuffer.wrap(clearEntry);
        if (clearEntry.length < 8 || Integer.toUnsignedLong(b.getInt(0)) != clearEntry.length) {
            throw new PackagingException("cannot protect a sample entry whose size field does not match its "
                    + clearEntry.length + " bytes");
        }
        String originalFormat = new String(clearEntry, 4, 4, StandardCharsets.ISO_8859_1);
        byte[] sinf = sinf(originalFormat, defaults);
        BoxWriter w = new BoxWriter(clearEntry.length + sinf.length);
        w.u32(clearEntry.length + (long) sinf.length).fourCC(kind == TrackKind.VIDEO ? "encv" : "enca");
        w.bytes(clearEntry, 8, clearEntry.length - 8);
        w.bytes(sinf);
        return w.toByteArray();
    }

    private static byte[] sinf(String originalFormat, TrackDefaults d) {
        BoxWriter w = new BoxWriter(128);
        int sinf = w.begin("sinf");
        int frma = w.begin("frma");
        w.fourCC(originalFormat);
        w.end(frma);
        int schm = w.beginFull("schm", 0, 0);
        w.fourCC(d.scheme().fourCC()).u32(0x00010000); // scheme_version 1.0
        w.end(schm);
        int schi = w.begin("schi");
        boolean pattern = d.scheme() == ProtectionScheme.CBCS;
        // Version 1 carries the pattern; cenc needs none, and version 0 is what every reader knows.
        int tenc = w.beginFull("tenc", pattern ? 1 : 0, 0);
        w.u8(0);
        w.u8(pattern ? (d.cryptByteBlock() << 4) | d.skipByteBlock() : 0);
        w.u8(1); // default_isProtected
        w.u8(d.perSampleIvSize());
        w.bytes(d.keyId().bytes());
        if (d.perSampleIvSize() == 0) {
            w.u8(d.constantIv().length).bytes(d.constantIv());
        }
        w.end(tenc);
        w.end(schi);
        w.end(sinf);
        return w.toByteArray();
    }
}
