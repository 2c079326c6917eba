package io.packager4j.cli;

import io.packager4j.PackagingException;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackKind;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.EncryptedTracks;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.crypto.PsshData;
import io.packager4j.crypto.decrypt.DecryptionKeys;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The encryption and decryption flags of {@code package}. Keys are accepted as 32 hex digits, a
 * UUID, or base64/base64url of 16 bytes; no message ever repeats a key.
 */
final class EncryptionOptions {

    @Option(names = "--scheme", paramLabel = "cenc|cbcs",
            description = "Common Encryption scheme (default cenc when --key is given).")
    String scheme;

    @Option(names = "--key", paramLabel = "KEY", description = "Content key: 32 hex digits, UUID, or base64(url) of 16 bytes.")
    String key;

    @Option(names = "--kid", paramLabel = "KID", description = "Key ID, in the same forms as --key.")
    String kid;

    @Option(names = "--video-key", paramLabel = "KEY", description = "A separate key for video (with --video-kid).")
    String videoKey;

    @Option(names = "--video-kid", paramLabel = "KID", description = "Key ID of --video-key.")
    String videoKid;

    @Option(names = "--audio-key", paramLabel = "KEY", description = "A separate key for audio (with --audio-kid).")
    String audioKey;

    @Option(names = "--audio-kid", paramLabel = "KID", description = "Key ID of --audio-key.")
    String audioKid;

    @Option(names = "--encrypt", paramLabel = "all|video|audio",
            description = "Which tracks to encrypt (default all); the others stay clear.")
    String tracks;

    @Option(names = "--clear-lead", paramLabel = "SECONDS",
            description = "Leave the segments starting in the first SECONDS clear (default 0).")
    Double clearLead;

    @Option(names = "--iv-size", paramLabel = "8|16", description = "cenc per-sample IV size in bytes (default 8).")
    Integer ivSize;

    @Option(names = "--pssh", paramLabel = "SYSTEM_ID:BASE64",
            description = {"DRM system data to signal, e.g. widevine:BASE64 or playready:BASE64 "
                    + "(a pssh box or the bare data; system by name or UUID). Repeatable."})
    List<String> pssh = new ArrayList<>();

    @Option(names = "--license-url", paramLabel = "URL", description = "ClearKey license server URL (dashif:Laurl).")
    String licenseUrl;

    @Option(names = "--decryption-key", paramLabel = "KID:KEY",
            description = "Key to decrypt an encrypted (cenc or cbcs) input with. Repeatable.")
    List<String> decryptionKeys = new ArrayList<>();

    /** Whether any encryption flag was given. */
    boolean encrypting() {
        return scheme != null || key != null || kid != null || videoKey != null || videoKid != null
                || audioKey != null || audioKid != null || tracks != null || clearLead != null || ivSize != null
                || !pssh.isEmpty() || licenseUrl != null;
    }

    /** The encryption the flags ask for, or null when none was asked for. */
    Encryption toEncryption(CommandLine cmd) {
        if (!encrypting()) {
            return null;
        }
        Encryption.Builder b = Encryption.builder(parseScheme(cmd));
        if (key != null || kid != null) {
            b.key(keyId(cmd, "--kid", kid, "--key"), key(cmd, "--key", key, "--kid"));
        }
        if (videoKey != null || videoKid != null) {
            b.videoKey(keyId(cmd, "--video-kid", videoKid, "--video-key"), key(cmd, "--video-key", videoKey, "--video-kid"));
        }
        if (audioKey != null || audioKid != null) {
            b.audioKey(keyId(cmd, "--audio-kid", audioKid, "--audio-key"), key(cmd, "--audio-key", audioKey, "--audio-kid"));
        }
        EncryptedTracks which = tracks == null ? EncryptedTracks.ALL : parseTracks(cmd);
        b.tracks(which);
        requireKeyFor(cmd, which.includes(TrackKind.VIDEO), videoKey, "video");
        requireKeyFor(cmd, which.includes(TrackKind.AUDIO), audioKey, "audio");
        if (clearLead != null) {
            if (!(clearLead >= 0) || clearLead > 86_400) {
                throw new ParameterException(cmd, "--clear-lead must be between 0 and 86400 seconds, not " + clearLead);
            }
            b.clearLead(Duration.ofNanos(Math.round(clearLead * 1e9)));
        }
        try {
            if (ivSize != null) {
                b.ivSize(ivSize);
            }
            b.clearKeyLicenseUrl(licenseUrl);
            for (String p : pssh) {
                b.pssh(PsshData.parse(p));
            }
            return b.build();
        } catch (PackagingException | IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage());
        }
    }

    private void requireKeyFor(CommandLine cmd, boolean encrypted, String typeKey, String type) {
        if (encrypted && key == null && typeKey == null) {
            throw new ParameterException(cmd, "no key to encrypt " + type + " with: give --key and --kid (or --"
                    + type + "-key and --" + type + "-kid), or choose other tracks with --encrypt");
        }
    }

    /** The keys to decrypt inputs with, or null when none were given. */
    DecryptionKeys toDecryptionKeys(CommandLine cmd) {
        if (decryptionKeys.isEmpty()) {
            return null;
        }
        DecryptionKeys.Builder b = DecryptionKeys.builder();
        for (String pair : decryptionKeys) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                // Do not echo the argument: it holds a key.
                throw new ParameterException(cmd, "--decryption-key must be KID:KEY (key ID, a colon, the key)");
            }
            b.add(keyId(cmd, "--decryption-key", pair.substring(0, colon), null),
                    key(cmd, "--decryption-key", pair.substring(colon + 1), null));
        }
        return b.build();
    }

    private ProtectionScheme parseScheme(CommandLine cmd) {
        if (scheme == null) {
            return ProtectionScheme.CENC;
        }
        return ProtectionScheme.forFourCC(scheme.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new ParameterException(cmd, "--scheme must be 'cenc' or 'cbcs', not '" + scheme + "'"));
    }

    private EncryptedTracks parseTracks(CommandLine cmd) {
        try {
            return EncryptedTracks.valueOf(tracks.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--encrypt must be 'all', 'video' or 'audio', not '" + tracks + "'");
        }
    }

    private static KeyId keyId(CommandLine cmd, String flag, String text, String pairedFlag) {
        if (text == null) {
            throw new ParameterException(cmd, flag + " is missing: " + pairedFlag + " needs its key ID");
        }
        try {
            return KeyId.parse(text);
        } catch (PackagingException e) {
            throw new ParameterException(cmd, flag + ": " + e.getMessage());
        }
    }

    private static ContentKey key(CommandLine cmd, String flag, String text, String pairedFlag) {
        if (text == null) {
            throw new ParameterException(cmd, flag + " is missing: " + pairedFlag + " needs its key");
        }
        try {
            return ContentKey.parse(text);
        } catch (PackagingException e) {
            throw new ParameterException(cmd, flag + ": " + e.getMessage());
        }
    }
}
