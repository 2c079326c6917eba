package io.packager4j.hls.playlist;

import java.util.Objects;

/**
 * An {@code EXT-X-KEY} (media playlists) or {@code EXT-X-SESSION-KEY} (multivariant playlist).
 *
 * @param method            how the samples are encrypted
 * @param uri               where the key (or the license, for a DRM system) comes from, a URI
 * @param keyFormat         {@code KEYFORMAT}, e.g. {@code identity}; null leaves it out (identity)
 * @param keyFormatVersions {@code KEYFORMATVERSIONS}, e.g. {@code 1}; null leaves it out
 * @param keyId             {@code KEYID}, the 16-byte key ID for systems that read it; null leaves it out
 */
public record KeyTag(KeyMethod method, String uri, String keyFormat, String keyFormatVersions, byte[] keyId) {

    public KeyTag {
        Objects.requireNonNull(method, "method");
        AttributeList.requireQuotable("key URI", uri);
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("the key URI is empty");
        }
        if (keyFormat != null) {
            AttributeList.requireQuotable("KEYFORMAT", keyFormat);
        }
        if (keyFormatVersions != null && !keyFormatVersions.matches("[1-9][0-9]*(/[1-9][0-9]*)*")) {
            throw new IllegalArgumentException("KEYFORMATVERSIONS '" + keyFormatVersions
                    + "' is not a '/'-separated list of positive integers");
        }
        if (keyId != null && keyId.length != 16) {
            throw new IllegalArgumentException("KEYID must be 16 bytes, not " + keyId.length);
        }
        keyId = keyId == null ? null : keyId.clone();
    }

    @Override
    public byte[] keyId() {
        return keyId == null ? null : keyId.clone();
    }

    String attributes() {
        AttributeList a = new AttributeList().enumerated("METHOD", method.value()).quoted("URI", uri);
        if (keyId != null) {
            a.hex("KEYID", keyId);
        }
        if (keyFormat != null) {
            a.quoted("KEYFORMAT", keyFormat);
        }
        if (keyFormatVersions != null) {
            a.quoted("KEYFORMATVERSIONS", keyFormatVersions);
        }
        return a.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyTag k && attributes().equals(k.attributes());
    }

    @Override
    public int hashCode() {
        return attributes().hashCode();
    }

    @Override
    public String toString() {
        return "KeyTag[" + attributes() + "]";
    }
}
