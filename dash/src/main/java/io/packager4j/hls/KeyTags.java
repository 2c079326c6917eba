package io.packager4j.hls;

import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.output.ProtectionOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.crypto.KeyId;
import io.packager4j.hls.playlist.KeyMethod;
import io.packager4j.hls.playlist.KeyTag;

/**
 * The {@code EXT-X-KEY} of an encrypted representation: the method follows the scheme
 * ({@code cbcs} is SAMPLE-AES, {@code cenc} SAMPLE-AES-CTR), the URI and key format come from the
 * caller's {@link HlsOptions}.
 */
final class KeyTags {

    private KeyTags() {
    }

    /**
     * The key tag of {@code r}, or null when it is clear.
     *
     * @throws IllegalArgumentException when it is encrypted and no key URI was given for its key ID
     */
    static KeyTag of(RepresentationOutput r, HlsOptions options) {
        ProtectionOutput p = r.protection();
        if (p == null) {
            return null;
        }
        KeyId keyId = KeyId.of(p.defaultKeyId());
        String uri = options.keyUriFor(keyId);
        if (uri == null) {
            throw new IllegalArgumentException("representation " + r.id() + " is encrypted with key ID "
                    + keyId.toHex() + ", but no HLS key URI was given for it (HlsOptions.keyUri)");
        }
        return new KeyTag(method(p.scheme()), uri, options.keyFormat(), options.keyFormatVersions(), null);
    }

    static KeyMethod method(ProtectionScheme scheme) {
        return switch (scheme) {
            case CBCS -> KeyMethod.SAMPLE_AES;
            case CENC -> KeyMethod.SAMPLE_AES_CTR;
        };
    }
}
