package io.packager4j.core.mp4;

import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.SampleEncryptionTable;
import io.packager4j.core.media.TrackEncryption;

/**
 * What an encrypted sample entry's {@code sinf} says: the scheme, the clear format and the
 * {@code tenc} defaults.
 *
 * @param scheme         {@code schm} scheme type
 * @param originalFormat {@code frma} original format, e.g. {@code avc1}
 * @param defaults       {@code tenc}
 */
record ProtectionInfo(ProtectionScheme scheme, String originalFormat, CencSampleDefaults defaults) {

    /** The track's encryption description once its per-sample table is complete. */
    TrackEncryption toTrackEncryption(SampleEncryptionTable samples) {
        return new TrackEncryption(scheme, originalFormat, defaults.keyId().clone(), defaults.perSampleIvSize(),
                defaults.constantIv() == null ? null : defaults.constantIv().clone(),
                defaults.cryptByteBlock(), defaults.skipByteBlock(), samples);
    }
}
