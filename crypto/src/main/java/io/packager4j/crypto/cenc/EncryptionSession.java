package io.packager4j.crypto.cenc;

import io.packager4j.PackagingException;
import io.packager4j.core.cmaf.SampleProtection;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.ProtectionOutput;
import io.packager4j.core.output.ProtectionSystemOutput;
import io.packager4j.crypto.AesEngines;
import io.packager4j.crypto.DrmSystems;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.EncryptionKey;
import io.packager4j.crypto.KeyId;
import io.packager4j.crypto.PsshData;
import io.packager4j.crypto.subsample.SubsampleMappers;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One packaging run's encryption: the IV state of each key, shared by every track that uses it,
 * and a {@link SampleProtection} per representation. Thread-safe.
 *
 * <pre>{@code
 * EncryptionSession session = EncryptionSession.start(Encryption.cenc(kid, key));
 * SampleProtection protection = session.protectionFor(track); // null when the track stays clear
 * }</pre>
 */
public final class EncryptionSession {

    /** Pattern on video for cbcs: 1 encrypted block in 10, as CMAF and every cbcs deployment use. */
    static final int VIDEO_CRYPT_BLOCKS = 1;
    static final int VIDEO_SKIP_BLOCKS = 9;
    /** DASH-IF's value for the ClearKey descriptor. */
    static final String CLEAR_KEY_VALUE = "ClearKey1.0";
    static final String PLAYREADY_VALUE = "MSPR 2.0";

    private final Encryption encryption;
    private final SecureRandom random = new SecureRandom();
    private final Map<KeyId, KeyState> keys = new HashMap<>();

    private EncryptionSession(Encryption encryption) {
        this.encryption = encryption;
    }

    /** Starts a run: fresh random IV starting points and (for cbcs) constant IVs, per key. */
    public static EncryptionSession start(Encryption encryption) {
        return new EncryptionSession(encryption);
    }

    /**
     * The protection of one representation of {@code track}, or null if tracks of its kind stay
     * clear. Call once per representation: the result is not thread-safe.
     *
     * @throws PackagingException if the track's codec cannot be encrypted as configured
     */
    public SampleProtection protectionFor(Track track) throws PackagingException {
        TrackKind kind = track.kind();
        Optional<EncryptionKey> key = encryption.keyFor(kind);
        if (key.isEmpty()) {
            return null;
        }
        KeyState state = keyState(key.get());
        ProtectionScheme scheme = encryption.scheme();
        boolean cbcs = scheme == ProtectionScheme.CBCS;
        boolean video = kind == TrackKind.VIDEO;
        ProtectedSampleEntry.TrackDefaults defaults = new ProtectedSampleEntry.TrackDefaults(
                scheme, key.get().keyId(),
                cbcs ? 0 : encryption.ivSize(),
                cbcs ? state.constantIv : null,
                cbcs && video ? VIDEO_CRYPT_BLOCKS : 0,
                cbcs && video ? VIDEO_SKIP_BLOCKS : 0);
        List<byte[]> psshBoxes = psshBoxes(key.get().keyId());
        return new TrackEncryptor(kind, defaults, key.get().key().bytes(), state.ivs,
                SubsampleMappers.forTrack(track.format(), scheme),
                encryption.clearLead().toNanos() / 1e9, psshBoxes,
                describe(key.get().keyId(), psshBoxes), AesEngines.create(encryption.engine()));
    }

    private synchronized KeyState keyState(EncryptionKey key) {
        return keys.computeIfAbsent(key.keyId(), k -> {
            byte[] constantIv = new byte[16];
            random.nextBytes(constantIv);
            return new KeyState(IvSequence.random(random), constantIv);
        });
    }

    /** The init segment's pssh boxes: the Common PSSH for this key, then the caller's systems. */
    private List<byte[]> psshBoxes(KeyId keyId) {
        List<byte[]> boxes = new ArrayList<>();
        if (encryption.writesCommonPssh()) {
            boxes.add(PsshBoxes.common(List.of(keyId)));
        }
        for (PsshData p : encryption.pssh()) {
            boxes.add(p.box());
        }
        return boxes;
    }

    private ProtectionOutput describe(KeyId keyId, List<byte[]> psshBoxes) {
        List<ProtectionSystemOutput> systems = new ArrayList<>();
        byte[] common = PsshBoxes.common(List.of(keyId));
        if (encryption.signalsClearKey()) {
            // The Common PSSH is Clear Key's initialization data; players that read cenc:pssh use it.
            systems.add(new ProtectionSystemOutput(DrmSystems.CLEAR_KEY, CLEAR_KEY_VALUE,
                    encryption.writesCommonPssh() ? common : null, encryption.clearKeyLicenseUrl()));
        }
        if (encryption.writesCommonPssh()) {
            systems.add(new ProtectionSystemOutput(DrmSystems.COMMON, null, common, null));
        }
        for (PsshData p : encryption.pssh()) {
            String value = DrmSystems.PLAYREADY.equals(p.systemId()) ? PLAYREADY_VALUE : null;
            systems.add(new ProtectionSystemOutput(p.systemId(), value, p.box(), null));
        }
        return new ProtectionOutput(encryption.scheme(), keyId.bytes(), systems);
    }


    private record KeyState(IvSequence ivs, byte[] constantIv) {
    }
}
