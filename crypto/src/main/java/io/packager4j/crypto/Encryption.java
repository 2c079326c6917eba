package io.packager4j.crypto;

import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to encrypt a presentation with MPEG Common Encryption: the scheme, the keys, which tracks,
 * a clear lead, and the DRM systems to signal. Immutable; build it with {@link #builder} or the
 * {@link #cenc}/{@link #cbcs} shorthands, and hand it to the {@code Packager}.
 *
 * <pre>{@code
 * Encryption encryption = Encryption.builder(ProtectionScheme.CBCS)
 *         .key(KeyId.parse("a16e402b9056e371f36d348aa62bb749"), ContentKey.parse("87237d20a19f58a740c05684e699b4aa"))
 *         .tracks(EncryptedTracks.VIDEO)
 *         .clearLead(Duration.ofSeconds(4))
 *         .clearKeyLicenseUrl("https://keys.example.com/clearkey")
 *         .pssh(PsshData.of(DrmSystems.WIDEVINE, widevineHeader))
 *         .build();
 * }</pre>
 *
 * <p>By default every track is encrypted, there is no clear lead, {@code cenc} uses 8-byte IVs,
 * and the manifest signals ClearKey and the W3C Common PSSH, whose box also goes into every init
 * segment.
 */
public final class Encryption {

    private final ProtectionScheme scheme;
    private final EncryptionKey defaultKey;
    private final EncryptionKey videoKey;
    private final EncryptionKey audioKey;
    private final EncryptedTracks tracks;
    private final Duration clearLead;
    private final int ivSize;
    private final boolean clearKey;
    private final String clearKeyLicenseUrl;
    private final boolean commonPssh;
    private final List<PsshData> pssh;
    private final AesEngines.Kind engine;

    private Encryption(Builder b) {
        this.scheme = b.scheme;
        this.defaultKey = b.defaultKey;
        this.videoKey = b.videoKey;
        this.audioKey = b.audioKey;
        this.tracks = b.tracks;
        this.clearLead = b.clearLead;
        this.ivSize = b.ivSize;
        this.clearKey = b.clearKey;
        this.clearKeyLicenseUrl = b.clearKeyLicenseUrl;
        this.commonPssh = b.commonPssh;
        this.pssh = List.copyOf(b.pssh);
        this.engine = b.engine;
    }

    /** Starts an encryption configuration with the given scheme. */
    public static Builder builder(ProtectionScheme scheme) {
        return new Builder(scheme);
    }

    /** Every track encrypted with {@code cenc} under one key, with the default signalling. */
    public static Encryption cenc(KeyId keyId, ContentKey key) {
        return builder(ProtectionScheme.CENC).key(keyId, key).build();
    }

    /** Every track encrypted with {@code cbcs} under one key, with the default signalling. */
    public static Encryption cbcs(KeyId keyId, ContentKey key) {
        return builder(ProtectionScheme.CBCS).key(keyId, key).build();
    }

    public ProtectionScheme scheme() {
        return scheme;
    }

    /** Which tracks are encrypted. */
    public EncryptedTracks tracks() {
        return tracks;
    }

    /** The key for tracks of {@code kind}, or empty when they stay clear. */
    public Optional<EncryptionKey> keyFor(TrackKind kind) {
        if (!tracks.includes(kind)) {
            return Optional.empty();
        }
        EncryptionKey specific = kind == TrackKind.VIDEO ? videoKey : audioKey;
        return Optional.ofNullable(specific != null ? specific : defaultKey);
    }

    /** Media presented before this time is left clear (whole segments). */
    public Duration clearLead() {
        return clearLead;
    }

    /** Per-sample IV size for {@code cenc}: 8 or 16 bytes ({@code cbcs} uses a constant IV). */
    public int ivSize() {
        return ivSize;
    }

    /** Whether the manifest carries a ClearKey ContentProtection. */
    public boolean signalsClearKey() {
        return clearKey;
    }

    /** The ClearKey license server URL for {@code dashif:Laurl}, or null. */
    public String clearKeyLicenseUrl() {
        return clearKeyLicenseUrl;
    }

    /** Whether the W3C Common PSSH box is written (init segments and manifest). */
    public boolean writesCommonPssh() {
        return commonPssh;
    }

    /** Caller-provided DRM system data (Widevine, PlayReady, ...), in order. */
    public List<PsshData> pssh() {
        return pssh;
    }

    /** The AES implementation. */
    public AesEngines.Kind engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "Encryption[" + scheme.fourCC() + ", tracks=" + tracks + ", clearLead=" + clearLead
                + ", defaultKey=" + defaultKey + ", videoKey=" + videoKey + ", audioKey=" + audioKey + "]";
    }

    /** Builds an {@link Encryption}. */
    public static final class Builder {
        private final ProtectionScheme scheme;
        private EncryptionKey defaultKey;
        private EncryptionKey videoKey;
        private EncryptionKey audioKey;
        private EncryptedTracks tracks = EncryptedTracks.ALL;
        private Duration clearLead = Duration.ZERO;
        private int ivSize = 8;
        private boolean clearKey = true;
        private String clearKeyLicenseUrl;
        private boolean commonPssh = true;
        private final List<PsshData> pssh = new ArrayList<>();
        private AesEngines.Kind engine = AesEngines.defaultKind();

        private Builder(ProtectionScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
        }

        /** The key for every encrypted track that has no type-specific key. */
        public Builder key(KeyId keyId, ContentKey key) {
            this.defaultKey = new EncryptionKey(keyId, key);
            return this;
        }

        /** A separate key for video tracks. */
        public Builder videoKey(KeyId keyId, ContentKey key) {
            this.videoKey = new EncryptionKey(keyId, key);
            return this;
        }

        /** A separate key for audio tracks. */
        public Builder audioKey(KeyId keyId, ContentKey key) {
            this.audioKey = new EncryptionKey(keyId, key);
            return this;
        }

        /** Which tracks to encrypt; the others stay clear. Default {@link EncryptedTracks#ALL}. */
        public Builder tracks(EncryptedTracks tracks) {
            this.tracks = Objects.requireNonNull(tracks, "tracks");
            return this;
        }

        /**
         * Leaves the segments that start within the first {@code clearLead} of the presentation
         * clear, so playback can start before a license arrives. Default zero.
         */
        public Builder clearLead(Duration clearLead) {
            if (clearLead == null || clearLead.isNegative()) {
                throw new IllegalArgumentException("the clear lead must be zero or positive, not " + clearLead);
            }
            this.clearLead = clearLead;
            return this;
        }

        /** Per-sample IV size for {@code cenc}: 8 (default) or 16 bytes. */
        public Builder ivSize(int ivSize) {
            if (ivSize != 8 && ivSize != 16) {
                throw new IllegalArgumentException("a cenc IV is 8 or 16 bytes, not " + ivSize);
            }
            this.ivSize = ivSize;
            return this;
        }

        /** Whether to signal ClearKey in the manifest. Default true. */
        public Builder clearKey(boolean signal) {
            this.clearKey = signal;
            return this;
        }

        /** The ClearKey license server URL, written as {@code dashif:Laurl}; implies {@code clearKey(true)}. */
        public Builder clearKeyLicenseUrl(String url) {
            if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                throw new IllegalArgumentException("the license URL must be an http(s) URL, not '" + url + "'");
            }
            this.clearKeyLicenseUrl = url;
            this.clearKey |= url != null;
            return this;
        }

        /** Whether to write the W3C Common PSSH box. Default true. */
        public Builder commonPssh(boolean write) {
            this.commonPssh = write;
            return this;
        }

        /** Adds a DRM system's data, written as a pssh box and a ContentProtection element. */
        public Builder pssh(PsshData data) {
            for (PsshData p : pssh) {
                if (p.systemId().equals(data.systemId())) {
                    throw new IllegalArgumentException("PSSH data for " + DrmSystems.describe(data.systemId())
                            + " was given twice");
                }
            }
            pssh.add(Objects.requireNonNull(data, "data"));
            return this;
        }

        /** The AES implementation; default {@link AesEngines#defaultKind()}. */
        public Builder engine(AesEngines.Kind engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * @throws IllegalStateException if a track type to be encrypted has no key
         */
        public Encryption build() {
            for (TrackKind kind : TrackKind.values()) {
                EncryptionKey specific = kind == TrackKind.VIDEO ? videoKey : audioKey;
                if (tracks.includes(kind) && specific == null && defaultKey == null) {
                    throw new IllegalStateException("no key for " + kind.name().toLowerCase(java.util.Locale.ROOT)
                            + " tracks: give key(...) or " + (kind == TrackKind.VIDEO ? "videoKey" : "audioKey") + "(...)");
                }
            }
            return new Encryption(this);
        }
    }
}
