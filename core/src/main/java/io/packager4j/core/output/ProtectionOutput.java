package io.packager4j.core.output;

import io.packager4j.core.media.ProtectionScheme;

import java.util.List;

/**
 * How a packaged representation is protected, for the manifest: the Common Encryption scheme and
 * default key ID (DASH's mp4protection descriptor) and the DRM systems to signal.
 *
 * @param scheme       cenc or cbcs
 * @param defaultKeyId the 16-byte key ID of {@code tenc}
 * @param systems      the DRM systems, in the order the manifest should list them
 */
public record ProtectionOutput(ProtectionScheme scheme, byte[] defaultKeyId, List<ProtectionSystemOutput> systems) {

    public ProtectionOutput {
        defaultKeyId = defaultKeyId.clone();
        systems = List.copyOf(systems);
    }

    @Override
    public byte[] defaultKeyId() {
        return defaultKeyId.clone();
    }

    /** The default key ID as a lowercase UUID string, as {@code cenc:default_KID} writes it. */
    public String defaultKeyIdUuid() {
        StringBuilder hex = new StringBuilder(36);
        for (int i = 0; i < defaultKeyId.length; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                hex.append('-');
            }
            hex.append(Character.forDigit((defaultKeyId[i] >> 4) & 0xF, 16)).append(Character.forDigit(defaultKeyId[i] & 0xF, 16));
        }
        return hex.toString();
    }

    /** Whether two representations can share one set of ContentProtection descriptors. */
    public boolean sameSignalling(ProtectionOutput other) {
        return other != null && scheme == other.scheme
                && java.util.Arrays.equals(defaultKeyId, other.defaultKeyId) && systems.equals(other.systems);
    }
}
