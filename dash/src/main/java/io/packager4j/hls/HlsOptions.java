package io.packager4j.hls;

import io.packager4j.crypto.KeyId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the HLS playlists are written: for encrypted output, where players get the key
 * ({@code EXT-X-KEY} URI, KEYFORMAT, KEYFORMATVERSIONS); and whether I-frame playlists are written.
 *
 * <pre>{@code
 * HlsOptions hls = HlsOptions.builder()
 *         .keyUri("https://keys.example.com/k/a16e402b")   // the key's URI for every key ID
 *         .build();                                        // KEYFORMAT="identity", KEYFORMATVERSIONS="1"
 * }</pre>
 *
 * <p>With {@code KEYFORMAT="identity"} (RFC 8216 section 5.1) the URI returns the 16 raw key
 * bytes; a {@code data:text/plain;base64,...} URI carries them in the playlist itself (then the
 * playlist is the secret). Players that take ClearKey keys from their own configuration, such as
 * Shaka Player's {@code drm.clearKeys}, still need a well-formed tag. Immutable.
 */
public final class HlsOptions {

    /** RFC 8216's key format: the URI yields the raw 16-byte key. */
    public static final String IDENTITY = "identity";

    private static final HlsOptions DEFAULTS = builder().build();

    private final String keyUri;
    private final Map<KeyId, String> keyUris;
    private final String keyFormat;
    private final String keyFormatVersions;
    private final boolean iFramePlaylists;

    private HlsOptions(Builder b) {
        this.keyUri = b.keyUri;
        this.keyUris = Map.copyOf(b.keyUris);
        this.keyFormat = b.keyFormat;
        this.keyFormatVersions = b.keyFormatVersions;
        this.iFramePlaylists = b.iFramePlaylists;
    }

    /** No key URI (enough for clear output), identity key format, I-frame playlists written. */
    public static HlsOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key URI for {@code keyId}: the one given for it, else the default one, else null. */
    public String keyUriFor(KeyId keyId) {
        return keyUris.getOrDefault(keyId, keyUri);
    }

    /** {@code KEYFORMAT} of every {@code EXT-X-KEY}. */
    public String keyFormat() {
        return keyFormat;
    }

    /** {@code KEYFORMATVERSIONS} of every {@code EXT-X-KEY}. */
    public String keyFormatVersions() {
        return keyFormatVersions;
    }

    /** Whether an I-frame playlist is written per video rendition. */
    public boolean iFramePlaylists() {
        return iFramePlaylists;
    }

    @Override
    public String toString() {
        // Key URIs may be data: URIs holding the key itself, so they are never printed.
        return "HlsOptions[keyUri=" + (keyUri == null ? "none" : "given") + ", keyUris for " + keyUris.size()
                + " key ID(s), keyFormat=" + keyFormat + ", keyFormatVersions=" + keyFormatVersions
                + ", iFramePlaylists=" + iFramePlaylists + "]";
    }

    /** Builds {@link HlsOptions}. */
    public static final class Builder {
        private String keyUri;
        private final Map<KeyId, String> keyUris = new LinkedHashMap<>();
        private String keyFormat = IDENTITY;
        private String keyFormatVersions = "1";
        private boolean iFramePlaylists = true;

        private Builder() {
        }

        /**
         * The {@code EXT-X-KEY} URI of every key without a URI of its own; absolute, or relative to
         * the playlists.
         */
        public Builder keyUri(String uri) {
            this.keyUri = checkUri(uri);
            return this;
        }

        /** The {@code EXT-X-KEY} URI of the key with this ID (with per-track keys, for example). */
        public Builder keyUri(KeyId keyId, String uri) {
            keyUris.put(Objects.requireNonNull(keyId, "keyId"), checkUri(uri));
            return this;
        }

        /** {@code KEYFORMAT} (default {@value #IDENTITY}), e.g. {@code com.apple.streamingkeydelivery}. */
        public Builder keyFormat(String keyFormat) {
            if (keyFormat == null || keyFormat.isBlank() || keyFormat.contains("\"")
                    || keyFormat.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("KEYFORMAT must be a non-empty string without quotes or control characters");
            }
            this.keyFormat = keyFormat;
            return this;
        }

        /** {@code KEYFORMATVERSIONS} (default {@code 1}): positive integers separated by {@code /}. */
        public Builder keyFormatVersions(String versions) {
            if (versions == null || !versions.matches("[1-9][0-9]*(/[1-9][0-9]*)*")) {
                throw new IllegalArgumentException("KEYFORMATVERSIONS must be like '1' or '1/2/5', not '" + versions + "'");
            }
            this.keyFormatVersions = versions;
            return this;
        }

        /** Whether to write I-frame playlists for trick play (default true). */
        public Builder iFramePlaylists(boolean write) {
            this.iFramePlaylists = write;
            return this;
        }

        public HlsOptions build() {
            return new HlsOptions(this);
        }

        private static String checkUri(String uri) {
            if (uri == null || uri.isEmpty() || uri.contains("\"") || uri.chars().anyMatch(c -> c <= ' ')) {
                // The message does not echo the URI: a data: URI would carry the key.
                throw new IllegalArgumentException("a key URI must be non-empty, without quotes, spaces or control characters");
            }
            return uri;
        }
    }
}
