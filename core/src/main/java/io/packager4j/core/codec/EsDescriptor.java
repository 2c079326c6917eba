package io.packager4j.core.codec;

import io.packager4j.PackagingException;

import java.util.Optional;

/**
 * The ES_Descriptor of an {@code esds} box (ISO/IEC 14496-14, 5.6; ISO/IEC 14496-1, 7.2.6.5):
 * the stream's object type, bitrates and DecoderSpecificInfo, which for MPEG-4 Audio is parsed as
 * an {@link AudioSpecificConfig}.
 *
 * <p>Descriptors are tag, expandable size (1 to 4 bytes of 7 bits each, high bit meaning "more"),
 * then content. Each size is checked against its parent before use; descriptors this parser does
 * not need (SLConfigDescriptor, profile-level indications, ...) are skipped by their size.
 */
public final class EsDescriptor {

    /** objectTypeIndication of MPEG-4 Audio (AAC and its relatives). */
    public static final int OTI_MPEG4_AUDIO = 0x40;

    private static final int TAG_ES = 0x03;
    private static final int TAG_DECODER_CONFIG = 0x04;
    private static final int TAG_DECODER_SPECIFIC_INFO = 0x05;

    private final int esId;
    private final int objectTypeIndication;
    private final int streamType;
    private final int bufferSizeDb;
    private final long maxBitrate;
    private final long avgBitrate;
    private final byte[] decoderSpecificInfo;
    private final AudioSpecificConfig audioSpecificConfig;

    private EsDescriptor(int esId, int oti, int streamType, int bufferSizeDb, long maxBitrate, long avgBitrate,
                         byte[] dsi, AudioSpecificConfig asc) {
        this.esId = esId;
        this.objectTypeIndication = oti;
        this.streamType = streamType;
        this.bufferSizeDb = bufferSizeDb;
        this.maxBitrate = maxBitrate;
        this.avgBitrate = avgBitrate;
        this.decoderSpecificInfo = dsi;
        this.audioSpecificConfig = asc;
    }

    /**
     * Parses the payload of an {@code esds} box (the bytes after its 8-byte header, starting with
     * the full box version and flags).
     */
    public static EsDescriptor parse(byte[] payload) throws PackagingException {
        return parse(payload, 0, payload.length);
    }

    /** Parses {@code len} bytes of an {@code esds} payload starting at {@code off}. */
    public static EsDescriptor parse(byte[] data, int off, int len) throws PackagingException {
        ByteCursor c = new ByteCursor(data, off, len, "esds");
        int version = c.u8("version");
        c.skip(3, "flags");
        if (version != 0) {
            throw c.error("unsupported version " + version + " (expected 0)");
        }
        int tagAt = c.offset();
        int tag = c.u8("ES_Descriptor tag");
        if (tag != TAG_ES) {
            throw c.error("expected ES_Descriptor (tag 3) at offset " + tagAt + ", found tag " + tag);
        }
        ByteCursor es = descriptorContent(c, "ES_Descriptor");
        int esId = es.u16("ES_ID");
        int flags = es.u8("ES_Descriptor flags");
        if ((flags & 0x80) != 0) {
            es.skip(2, "dependsOn_ES_ID");
        }
        if ((flags & 0x40) != 0) {
            int urlLength = es.u8("URLlength");
            es.skip(urlLength, "URLstring");
        }
        if ((flags & 0x20) != 0) {
            es.skip(2, "OCR_ES_Id");
        }

        ByteCursor dc = findDescriptor(es, TAG_DECODER_CONFIG, "DecoderConfigDescriptor");
        if (dc == null) {
            throw es.error("ES_Descriptor has no DecoderConfigDescriptor (tag 4)");
        }
        int oti = dc.u8("objectTypeIndication");
        int streamType = dc.u8("streamType") >>> 2;
        int bufferSizeDb = dc.u24("bufferSizeDB");
        long maxBitrate = dc.u32("maxBitrate");
        long avgBitrate = dc.u32("avgBitrate");
        ByteCursor dsiCursor = findDescriptor(dc, TAG_DECODER_SPECIFIC_INFO, "DecoderSpecificInfo");
        byte[] dsi = dsiCursor == null ? new byte[0] : dsiCursor.bytes(dsiCursor.remaining(), "DecoderSpecificInfo");

        AudioSpecificConfig asc = null;
        if (isAacFamily(oti) && dsi.length > 0) {
            try {
                asc = AudioSpecificConfig.parse(dsi);
            } catch (PackagingException e) {
                throw new PackagingException("esds: DecoderSpecificInfo of objectTypeIndication 0x"
                        + Integer.toHexString(oti) + ": " + e.getMessage(), e);
            }
        }
        return new EsDescriptor(esId, oti, streamType, bufferSizeDb, maxBitrate, avgBitrate, dsi, asc);
    }

    /** MPEG-4 Audio and the MPEG-2 AAC profiles, whose DecoderSpecificInfo is an AudioSpecificConfig. */
    private static boolean isAacFamily(int oti) {
        return oti == OTI_MPEG4_AUDIO || oti == 0x66 || oti == 0x67 || oti == 0x68;
    }

    /**
     * Reads the expandable size that follows a tag and returns a cursor over the content, which
     * is consumed from {@code c}.
     */
    private static ByteCursor descriptorContent(ByteCursor c, String name) throws PackagingException {
        int sizeAt = c.offset();
        int size = 0;
        int b;
        int n = 0;
        do {
            if (n == 4) {
                throw c.error(name + " size at offset " + sizeAt + " continues past 4 bytes");
            }
            b = c.u8(name + " size");
            size = (size << 7) | (b & 0x7F);
            n++;
        } while ((b & 0x80) != 0);
        if (size > c.remaining()) {
            throw c.error(name + " size " + size + " at offset " + sizeAt + " exceeds the " + c.remaining()
                    + " byte(s) left in its parent");
        }
        return c.slice(size, name);
    }

    /** Skips descriptors until one with {@code tag}; returns its content, or null if there is none. */
    private static ByteCursor findDescriptor(ByteCursor parent, int tag, String name) throws PackagingException {
        while (parent.remaining() >= 2) {
            int t = parent.u8("descriptor tag");
            ByteCursor content = descriptorContent(parent, t == tag ? name : "descriptor (tag " + t + ")");
            if (t == tag) {
                return content;
            }
        }
        return null;
    }

    /** ES_ID. */
    public int esId() {
        return esId;
    }

    /** objectTypeIndication: 0x40 for MPEG-4 Audio, 0x6B for MP3, ... */
    public int objectTypeIndication() {
        return objectTypeIndication;
    }

    /** streamType (5 for audio). */
    public int streamType() {
        return streamType;
    }

    /** bufferSizeDB, in bytes. */
    public int bufferSizeDb() {
        return bufferSizeDb;
    }

    /** maxBitrate in bits per second (0 if unknown). */
    public long maxBitrate() {
        return maxBitrate;
    }

    /** avgBitrate in bits per second (0 for variable bitrate). */
    public long avgBitrate() {
        return avgBitrate;
    }

    /** The DecoderSpecificInfo bytes (a fresh copy; empty when absent). */
    public byte[] decoderSpecificInfo() {
        return decoderSpecificInfo.clone();
    }

    /** The parsed AudioSpecificConfig, for the AAC object types when a DecoderSpecificInfo is present. */
    public Optional<AudioSpecificConfig> audioSpecificConfig() {
        return Optional.ofNullable(audioSpecificConfig);
    }
}
