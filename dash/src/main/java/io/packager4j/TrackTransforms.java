package io.packager4j;

import io.packager4j.core.cmaf.SampleDecryption;
import io.packager4j.core.cmaf.SampleProtection;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.packaging.SampleTransforms;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.crypto.cenc.EncryptionSession;
import io.packager4j.crypto.decrypt.DecryptionKeys;
import io.packager4j.crypto.decrypt.TrackDecryptor;

import java.util.Set;

/** Decryption of an encrypted input track and encryption of its output, per worker. */
final class TrackTransforms implements SampleTransforms {

    /** Sample entries whose parameter sets may come in band, once, and change along the stream. */
    private static final Set<String> IN_BAND_PARAMETER_SETS = Set.of("avc3", "avc4", "hev1");

    private final Track track;
    private final DecryptionKeys keys;
    private final EncryptionSession session;
    private final boolean independent;

    private TrackTransforms(Track track, DecryptionKeys keys, EncryptionSession session, boolean independent) {
        this.track = track;
        this.keys = keys;
        this.session = session;
        this.independent = independent;
    }

    /**
     * The transforms of {@code track}, checked now (a missing key or a codec that cannot be
     * encrypted fails before anything is written).
     */
    static SampleTransforms of(Track track, DecryptionKeys keys, Encryption encryption, EncryptionSession session)
            throws PackagingException {
        boolean decrypts = track.isEncrypted();
        boolean encrypts = encryption != null && encryption.keyFor(track.kind()).isPresent();
        if (!decrypts && !encrypts) {
            return NONE;
        }
        if (decrypts && keys == null) {
            throw new PackagingException(track.describe() + " is encrypted (" + track.encryption().scheme().fourCC()
                    + ", key ID " + KeyId.of(track.encryption().defaultKeyId()).toHex()
                    + "); give its key to decrypt it (Packager.Builder.decryptionKeys, CLI --decryption-key KID:KEY)");
        }
        // cbcs keeps slice headers clear, and parsing them needs the parameter sets seen so far.
        boolean stateful = encrypts && encryption.scheme() == ProtectionScheme.CBCS && track.kind() == TrackKind.VIDEO
                && IN_BAND_PARAMETER_SETS.contains(track.format().sampleEntryType());
        TrackTransforms t = new TrackTransforms(track, decrypts ? keys : null, encrypts ? session : null, !stateful);
        t.newDecryption();
        t.newProtection();
        return t;
    }

    @Override
    public SampleDecryption newDecryption() throws PackagingException {
        return keys == null ? null : TrackDecryptor.create(track, keys);
    }

    @Override
    public SampleProtection newProtection() throws PackagingException {
        return session == null ? null : session.protectionFor(track);
    }

    @Override
    public boolean segmentsIndependent() {
        return independent;
    }
}
