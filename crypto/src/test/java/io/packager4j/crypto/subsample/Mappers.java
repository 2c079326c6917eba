package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.media.Codec;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackFormat;

/** Mappers as {@link SubsampleMappers} makes them, but with a chosen initial window. */
final class Mappers {

    private Mappers() {
    }

    static NalSubsampleMapper withWindow(TrackFormat format, ProtectionScheme scheme, int window)
            throws PackagingException {
        boolean hevc = format.codec() == Codec.HEVC;
        SliceHeaderParser parser = null;
        if (scheme == ProtectionScheme.CBCS) {
            parser = hevc ? HevcSliceHeaderParser.fromDecoderConfig(format.decoderConfig())
                    : AvcSliceHeaderParser.fromDecoderConfig(format.decoderConfig());
        }
        return new NalSubsampleMapper(hevc, format.nalLengthSize(), scheme, parser, window);
    }

    static NalSubsampleMapper create(TrackFormat format, ProtectionScheme scheme) throws PackagingException {
        return (NalSubsampleMapper) SubsampleMappers.forTrack(format, scheme);
    }
}
