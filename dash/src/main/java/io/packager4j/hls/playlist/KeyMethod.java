package io.packager4j.hls.playlist;

/** {@code EXT-X-KEY} METHOD values for fMP4 Common Encryption (RFC 8216 section 4.3.2.4). */
public enum KeyMethod {
    /** {@code cbcs}: AES-CBC with a 1:9 pattern on video, the scheme Apple devices decrypt. */
    SAMPLE_AES("SAMPLE-AES"),
    /** {@code cenc}: AES-CTR (draft-pantos-hls-rfc8216bis, what Shaka Player and others read). */
    SAMPLE_AES_CTR("SAMPLE-AES-CTR");

    private final String value;

    KeyMethod(String value) {
        this.value = value;
    }

    /** The attribute value as written. */
    public String value() {
        return value;
    }
}
