package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.Ac3Config;
import io.packager4j.core.codec.AudioSpecificConfig;
import io.packager4j.core.codec.AvcDecoderConfig;
import io.packager4j.core.codec.AvcSps;
import io.packager4j.core.codec.CodecStrings;
import io.packager4j.core.codec.Eac3Config;
import io.packager4j.core.codec.EsDescriptor;
import io.packager4j.core.codec.HevcDecoderConfig;
import io.packager4j.core.codec.HevcSps;
import io.packager4j.core.codec.OpusConfig;
import io.packager4j.core.media.Codec;
import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackFormat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a track's sample entry (the first entry of {@code stsd}) into a {@link TrackFormat}: the
 * codec, its configuration, the RFC 6381 codecs string and the picture or audio properties.
 *
 * <p>The entry's bytes are kept unchanged for the init segment. Its fixed fields are read here
 * (ISO/IEC 14496-12 12.1.3 and 12.2.3); the codec configuration boxes are read by the parsers of
 * {@code io.packager4j.core.codec}.
 *
 * <p>An encrypted entry ({@code encv}, {@code enca}) is first turned back into the clear entry it
 * was made from (see {@link ProtectionInfoParser}), so its format is exactly that of the clear file.
 */
final class SampleEntryParser {

    /** Bytes before the child boxes: 8 header + 8 SampleEntry + 70 VisualSampleEntry fields. */
    private static final int VISUAL_CHILDREN = EntryBoxes.VISUAL_CHILDREN;
    /** 8 header + 8 SampleEntry + 20 AudioSampleEntry fields (version 0). */
    private static final int AUDIO_CHILDREN = EntryBoxes.AUDIO_CHILDREN;

    private SampleEntryParser() {
    }

    /**
     * A track's format and, for an encrypted ({@code encv}/{@code enca}) entry, its protection.
     *
     * @param format     the clear format: for an encrypted entry, that of the original format
     * @param protection the {@code sinf} information, or null for a clear entry
     */
    record ParsedEntry(TrackFormat format, ProtectionInfo protection) {
    }

    static ParsedEntry parse(RawBox stsd, String track, String handler) throws PackagingException {
        ByteBuffer p = stsd.payloadBuffer();
        if (p.remaining() < 8) {
            throw new PackagingException(track + ": stsd is too short");
        }
        long entries = Integer.toUnsignedLong(p.getInt(4));
        if (entries == 0) {
            throw new PackagingException(track + ": stsd has no sample entry");
        }
        if (entries > 1) {
            throw new PackagingException(track + ": " + entries
                    + " sample descriptions; only tracks with one sample description are supported");
        }
        p.position(8);
        if (p.remaining() < 8) {
            throw new PackagingException(track + ": stsd sample entry is cut off");
        }
        long size = Integer.toUnsignedLong(p.getInt(8));
        String type = BoxHeader.fourCC(p.getInt(12));
        if (type == null || size < 16 || size > p.remaining()) {
            throw new PackagingException(track + ": stsd sample entry has an impossible header (size " + size
                    + " of " + p.remaining() + " bytes)");
        }
        byte[] entry = new byte[(int) size];
        p.get(8, entry);
        if ("encs".equals(type)) {
            throw new PackagingException(track + ": encrypted '" + type + "' sample entries are not supported");
        }
        if ("encv".equals(type) || "enca".equals(type)) {
            if (("encv".equals(type)) != "vide".equals(handler)) {
                throw new PackagingException(track + ": sample entry '" + type + "' does not match the track's '"
                        + handler + "' handler");
            }
            int childrenAt = EntryBoxes.childrenStart(entry, new EntryBoxes.Span(type, 0, 8, entry.length), handler);
            if (childrenAt < 0) {
                throw new PackagingException(track + ": '" + type + "' sample entry is " + entry.length
                        + " bytes, too short for its fields, or has an unsupported sound description version");
            }
            ProtectionInfoParser.Unwrapped unwrapped = ProtectionInfoParser.unwrap(entry, childrenAt, track);
            byte[] clear = unwrapped.clearEntry();
            String clearType = unwrapped.info().originalFormat();
            if (Codec.forSampleEntryType(clearType).isEmpty()) {
                throw new PackagingException(track + ": unsupported codec '" + clearType + "' (original format of the '"
                        + type + "' entry; supported: " + Codec.supportedSampleEntryTypes() + ")");
            }
            return new ParsedEntry(clearFormat(clearType, clear, track, handler), unwrapped.info());
        }
        return new ParsedEntry(clearFormat(type, entry, track, handler), null);
    }

    private static TrackFormat clearFormat(String type, byte[] entry, String track, String handler)
            throws PackagingException {
        Optional<Codec> codec = Codec.forSampleEntryType(type);
        if (codec.isEmpty()) {
            throw new PackagingException(track + ": unsupported codec '" + type + "' (supported: "
                    + Codec.supportedSampleEntryTypes() + ")");
        }
        boolean videoHandler = "vide".equals(handler);
        if ((codec.get().kind() == io.packager4j.core.media.TrackKind.VIDEO) != videoHandler) {
            throw new PackagingException(track + ": sample entry '" + type + "' does not match the track's '"
                    + handler + "' handler");
        }
        try {
            return videoHandler ? video(codec.get(), type, entry, track) : audio(codec.get(), type, entry, track);
        } catch (PackagingException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(track)) {
                throw e;
            }
            // The codec parsers do not know the file: say where their complaint comes from.
            throw new PackagingException(track + ": '" + type + "' sample entry: " + e.getMessage(), e);
        }
    }

    private static TrackFormat video(Codec codec, String type, byte[] entry, String track) throws PackagingException {
        if (entry.length < VISUAL_CHILDREN) {
            throw new PackagingException(track + ": '" + type + "' sample entry is " + entry.length
                    + " bytes, shorter than a visual sample entry");
        }
        ByteBuffer b = ByteBuffer.wrap(entry);
        int width = b.getShort(32) & 0xFFFF;
        int height = b.getShort(34) & 0xFFFF;
        Map<String, byte[]> children = children(entry, VISUAL_CHILDREN, track, type);
        Rational sar = pasp(children.get("pasp"));
        String codecs;
        int nalLengthSize;
        byte[] config;
        if (codec == Codec.AVC) {
            config = required(children, "avcC", track, type);
            AvcDecoderConfig avcC = AvcDecoderConfig.parse(config);
            codecs = CodecStrings.avc(type, avcC);
            nalLengthSize = avcC.nalLengthSize();
            if (!avcC.sps().isEmpty()) {
                AvcSps sps = AvcSps.parse(avcC.sps().get(0));
                width = sps.width();
                height = sps.height();
                if (sar == null) {
                    sar = sps.sampleAspectRatio().orElse(null);
                }
            }
        } else {
            config = required(children, "hvcC", track, type);
            HevcDecoderConfig hvcC = HevcDecoderConfig.parse(config);
            codecs = CodecStrings.hevc(type, hvcC);
            nalLengthSize = hvcC.nalLengthSize();
            if (!hvcC.sps().isEmpty()) {
                HevcSps sps = HevcSps.parse(hvcC.sps().get(0));
                width = sps.width();
                height = sps.height();
                if (sar == null) {
                    sar = sps.sampleAspectRatio().orElse(null);
                }
            }
        }
        if (width <= 0 || height <= 0) {
            throw new PackagingException(track + ": picture size " + width + "x" + height + " is invalid");
        }
        if (sar == null || sar.numerator() == 0) {
            sar = Rational.of(1, 1);
        }
        return new TrackFormat(codec, type, entry, codecs, width, height, sar, 0, 0, nalLengthSize, config);
    }

    private static TrackFormat audio(Codec codec, String type, byte[] entry, String track) throws PackagingException {
        if (entry.length < AUDIO_CHILDREN) {
            throw new PackagingException(track + ": '" + type + "' sample entry is " + entry.length
                    + " bytes, shorter than an audio sample entry");
        }
        ByteBuffer b = ByteBuffer.wrap(entry);
        int soundVersion = b.getShort(16) & 0xFFFF;
        int channels = b.getShort(24) & 0xFFFF;
        long sampleRate = (b.getInt(32) >>> 16) & 0xFFFF;
        int childrenAt = switch (soundVersion) {
            case 0 -> AUDIO_CHILDREN;
            case 1 -> AUDIO_CHILDREN + 16; // QuickTime sound description v1
            default -> throw new PackagingException(track + ": QuickTime sound sample description version "
                    + soundVersion + " is not supported");
        };
        if (entry.length < childrenAt) {
            throw new PackagingException(track + ": '" + type + "' sample entry is cut off");
        }
        Map<String, byte[]> children = children(entry, childrenAt, track, type);
        String codecs;
        byte[] config;
        switch (codec) {
            case AAC -> {
                config = required(children, "esds", track, type);
                EsDescriptor esds = EsDescriptor.parse(config);
                codecs = CodecStrings.aac(esds);
                Optional<AudioSpecificConfig> asc = esds.audioSpecificConfig();
                if (asc.isPresent()) {
                    if (asc.get().channelConfiguration() > 0 && asc.get().channelConfiguration() < 7) {
                        channels = asc.get().channelConfiguration();
                    } else if (asc.get().channelConfiguration() == 7) {
                        channels = 8;
                    }
                    if (sampleRate == 0) {
                        sampleRate = asc.get().samplingFrequency();
                    }
                }
            }
            case AC3 -> {
                config = required(children, "dac3", track, type);
                channels = Ac3Config.parse(config).channelCount();
                codecs = "ac-3";
            }
            case EAC3 -> {
                config = required(children, "dec3", track, type);
                channels = Eac3Config.parse(config).channelCount();
                codecs = "ec-3";
            }
            case OPUS -> {
                config = required(children, "dOps", track, type);
                OpusConfig dOps = OpusConfig.parse(config);
                channels = dOps.outputChannelCount();
                sampleRate = 48000; // Opus always decodes at 48 kHz (RFC 7845)
                codecs = "opus";
            }
            default -> throw new PackagingException(track + ": '" + type + "' is not an audio codec");
        }
        if (channels <= 0) {
            throw new PackagingException(track + ": audio channel count is 0");
        }
        return new TrackFormat(codec, type, entry, codecs, 0, 0, null, channels, sampleRate, 0, config);
    }

    /** The child boxes of a sample entry, by type (first of each), as payloads. */
    private static Map<String, byte[]> children(byte[] entry, int start, String track, String type)
            throws PackagingException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int pos = start;
        while (pos + 8 <= entry.length) {
            long size = ((entry[pos] & 0xFFL) << 24) | ((entry[pos + 1] & 0xFFL) << 16)
                    | ((entry[pos + 2] & 0xFFL) << 8) | (entry[pos + 3] & 0xFFL);
            String childType = new String(entry, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (size == 0 && pos + 8 <= entry.length) {
                size = entry.length - pos;
            }
            if (size < 8 || size > entry.length - pos) {
                throw new PackagingException(track + ": box '" + BoxHeader.printable(
                        ByteBuffer.wrap(entry, pos + 4, 4).getInt()) + "' inside the '" + type
                        + "' sample entry declares " + size + " bytes but only " + (entry.length - pos) + " remain");
            }
            byte[] payload = new byte[(int) size - 8];
            System.arraycopy(entry, pos + 8, payload, 0, payload.length);
            out.putIfAbsent(childType, payload);
            pos += (int) size;
        }
        return out;
    }

    private static byte[] required(Map<String, byte[]> children, String box, String track, String type)
            throws PackagingException {
        byte[] payload = children.get(box);
        if (payload == null) {
            throw new PackagingException(track + ": '" + type + "' sample entry has no '" + box
                    + "' configuration box");
        }
        return payload;
    }

    private static Rational pasp(byte[] payload) {
        if (payload == null || payload.length < 8) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        long h = Integer.toUnsignedLong(b.getInt(0));
        long v = Integer.toUnsignedLong(b.getInt(4));
        return h > 0 && v > 0 ? Rational.of(h, v) : null;
    }
}
