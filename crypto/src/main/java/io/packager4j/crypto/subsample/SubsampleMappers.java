package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.media.Codec;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackFormat;

import java.util.Objects;

/**
 * Creates the {@link SubsampleMapper} for a track: NAL-aware maps for AVC and HEVC, none for
 * audio, whose samples are protected whole.
 */
public final class SubsampleMappers {

    private SubsampleMappers() {
    }

    /**
     * The subsample mapper for a track's samples under a protection scheme.
     *
     * <p>For {@code cbcs} the mapper reads slice headers, so it starts from the parameter sets of
     * the decoder configuration ({@code avcC} / {@code hvcC}) and keeps up with those sent in the
     * samples. Create one per track and use it for the track's samples in decode order.
     *
     * @return the mapper, or {@code null} for codecs that are not built from NAL units (audio):
     *         their samples are encrypted whole, without subsamples
     * @throws PackagingException if the NAL unit length size is not 1, 2 or 4, or (for cbcs) the
     *                            decoder configuration or one of its parameter sets cannot be parsed
     */
    public static SubsampleMapper forTrack(TrackFormat format, ProtectionScheme scheme) throws PackagingException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(scheme, "scheme");
        Codec codec = format.codec();
        if (!codec.isNalStructured()) {
            return null;
        }
        int lengthSize = format.nalLengthSize();
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new PackagingException(format.sampleEntryType() + " track: NAL unit length size " + lengthSize
                    + " is not 1, 2 or 4");
        }
        boolean hevc = switch (codec) {
            case AVC -> false;
            case HEVC -> true;
            default -> throw new PackagingException(format.sampleEntryType()
                    + " track: no subsample encryption rules for codec " + codec);
        };
        SliceHeaderParser parser = null;
        if (scheme == ProtectionScheme.CBCS) {
            byte[] config = format.decoderConfig();
            if (config == null) {
                throw new PackagingException(format.sampleEntryType()
                        + " track: no decoder configuration, so slice headers cannot be read for cbcs");
            }
            try {
                parser = hevc ? HevcSliceHeaderParser.fromDecoderConfig(config)
                        : AvcSliceHeaderParser.fromDecoderConfig(config);
            } catch (PackagingException e) {
                throw new PackagingException(format.sampleEntryType() + " track: " + e.getMessage(), e);
            }
        }
        return new NalSubsampleMapper(hevc, lengthSize, scheme, parser, NalSubsampleMapper.INITIAL_WINDOW);
    }
}
