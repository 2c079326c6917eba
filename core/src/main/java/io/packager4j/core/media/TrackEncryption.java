package io.packager4j.core.media;

/**
 * How an encrypted input track is protected: its {@code sinf} (original format, scheme, {@code
 * tenc} defaults) and the per-sample information of its fragments.
 *
 * @param scheme                 the protection scheme ({@code schm})
 * @param originalFormat         the clear sample entry type ({@code frma}), e.g. {@code avc1}
 * @param defaultKeyId           {@code tenc} default_KID, 16 bytes
 * @param defaultPerSampleIvSize {@code tenc} default_Per_Sample_IV_Size: 0, 8 or 16
 * @param defaultConstantIv      {@code tenc} default_constant_IV when the IV size is 0, else null
 * @param cryptByteBlock         pattern: encrypted 16-byte blocks ({@code tenc} v1), 0 for none
 * @param skipByteBlock          pattern: clear 16-byte blocks, 0 for none
 * @param samples                per-sample IVs, key IDs and subsample maps
 */
public record TrackEncryption(
        ProtectionScheme scheme,
        String originalFormat,
        byte[] defaultKeyId,
        int defaultPerSampleIvSize,
        byte[] defaultConstantIv,
        int cryptByteBlock,
        int skipByteBlock,
        SampleEncryptionTable samples) {
}
