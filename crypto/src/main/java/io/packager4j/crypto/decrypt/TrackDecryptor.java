package io.packager4j.crypto.decrypt;

import io.packager4j.PackagingException;
import io.packager4j.core.cmaf.SampleDecryption;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.SampleEncryptionTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackEncryption;
import io.packager4j.crypto.AesEngine;
import io.packager4j.crypto.AesEngines;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.CtrStream;
import io.packager4j.crypto.KeyId;

import java.util.List;

/**
 * Decrypts the samples of one Common Encryption (ISO/IEC 23001-7) input track, {@code cenc} or
 * {@code cbcs}, in place, as the segment writer reads them.
 *
 * <ul>
 *   <li>{@code cenc}: AES-128 CTR from the sample's IV (an 8-byte IV padded with zeros); one
 *       keystream runs through the protected ranges of all the sample's subsamples, continuing
 *       where the previous range stopped, clear bytes skipped.</li>
 *   <li>{@code cbcs}: AES-128 CBC with the {@code tenc} crypt:skip pattern, each subsample's
 *       protected range starting again from the sample's IV (usually the constant IV); a trailing
 *       partial block stays clear.</li>
 * </ul>
 *
 * Without a subsample map the whole sample is one protected range. Clear samples (clear lead,
 * {@code seig} groups with isProtected 0) are left as they are.
 *
 * <p>Create one per representation (per thread): it holds one {@link AesEngine} and reuses its IV
 * buffer, so decrypting a sample allocates nothing. Not thread-safe.
 */
public final class TrackDecryptor implements SampleDecryption {

    private final String track;
    private final SampleEncryptionTable table;
    private final ProtectionScheme scheme;
    private final int cryptBlocks;
    private final int skipBlocks;
    /** Content keys by the table's key index. */
    private final byte[][] keys;
    private final AesEngine engine;
    private final byte[] iv = new byte[SampleEncryptionTable.IV_BYTES];

    private TrackDecryptor(String track, TrackEncryption encryption, byte[][] keys, AesEngine engine) {
        this.track = track;
        this.table = encryption.samples();
        this.scheme = encryption.scheme();
        this.cryptBlocks = encryption.cryptByteBlock();
        this.skipBlocks = encryption.skipByteBlock();
        this.keys = keys;
        this.engine = engine;
    }

    /**
     * A decryptor for an encrypted track, with the default AES engine.
     *
     * @param track an encrypted track ({@link Track#isEncrypted()})
     * @param keys  keys for every key ID the track uses
     * @return the decryptor
     * @throws PackagingException       if a key ID the track's samples use has no key; the message
     *                                  names the track and the key ID, never a key
     * @throws IllegalArgumentException if the track is not encrypted
     */
    public static TrackDecryptor create(Track track, DecryptionKeys keys) throws PackagingException {
        return create(track, keys, AesEngines.createDefault());
    }

    /**
     * A decryptor for an encrypted track using the given engine, which it then owns.
     *
     * @param track  an encrypted track
     * @param keys   keys for every key ID the track uses
     * @param engine the AES implementation; not shared with another thread
     * @return the decryptor
     * @throws PackagingException if a key ID the track's samples use has no key
     */
    public static TrackDecryptor create(Track track, DecryptionKeys keys, AesEngine engine)
            throws PackagingException {
        TrackEncryption encryption = track.encryption();
        if (encryption == null) {
            throw new IllegalArgumentException(track.describe() + " is not encrypted");
        }
        SampleEncryptionTable table = encryption.samples();
        if (table.count() != track.samples().count()) {
            throw new PackagingException(track.describe() + ": encryption information for " + table.count()
                    + " samples but the track has " + track.samples().count());
        }
        List<byte[]> keyIds = table.keyIds();
        byte[][] keyBytes = new byte[keyIds.size()][];
        for (int k = 0; k < keyIds.size(); k++) {
            KeyId kid = KeyId.of(keyIds.get(k));
            ContentKey key = keys.find(kid).orElseThrow(() -> new PackagingException(track.describe()
                    + ": no decryption key for key ID " + kid.toHex() + " (the track is encrypted with '"
                    + encryption.scheme().fourCC() + "'; give the key for that key ID)"));
            keyBytes[k] = key.bytes();
        }
        return new TrackDecryptor(track.describe(), encryption, keyBytes, engine);
    }

    @Override
    public void decrypt(int sampleIndex, byte[] data, int offset, int length) throws PackagingException {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (sampleIndex < 0 || sampleIndex >= table.count()) {
            throw new PackagingException(track + ": no encryption information for sample " + (sampleIndex + 1));
        }
        if (!table.isProtected(sampleIndex)) {
            return;
        }
        int subsamples = table.subsampleCount(sampleIndex);
        checkMap(sampleIndex, subsamples, length);
        byte[] key = keys[table.keyIndex(sampleIndex)];
        table.copyIv(sampleIndex, iv);
        if (scheme == ProtectionScheme.CENC) {
            CtrStream stream = engine.ctrStream(key, iv);
            if (subsamples == 0) {
                stream.apply(data, offset, length);
                return;
            }
            int pos = offset;
            for (int j = 0; j < subsamples; j++) {
                pos += table.clearBytes(sampleIndex, j);
                int protectedBytes = table.protectedBytes(sampleIndex, j);
                stream.apply(data, pos, protectedBytes); // one keystream across the ranges
                pos += protectedBytes;
            }
        } else {
            if (subsamples == 0) {
                engine.cbcsPattern(key, iv, data, offset, length, cryptBlocks, skipBlocks, false);
                return;
            }
            int pos = offset;
            for (int j = 0; j < subsamples; j++) {
                pos += table.clearBytes(sampleIndex, j);
                int protectedBytes = table.protectedBytes(sampleIndex, j);
                // cbcs restarts from the IV for every protected range (23001-7 10.4.2).
                engine.cbcsPattern(key, iv, data, pos, protectedBytes, cryptBlocks, skipBlocks, false);
                pos += protectedBytes;
            }
        }
    }

    /** The subsample map must cover exactly the sample the writer hands over. */
    private void checkMap(int sampleIndex, int subsamples, int length) throws PackagingException {
        if (subsamples == 0) {
            return;
        }
        long total = 0;
        for (int j = 0; j < subsamples; j++) {
            total += table.clearBytes(sampleIndex, j) + (long) table.protectedBytes(sampleIndex, j);
        }
        if (total != length) {
            throw new PackagingException(track + ": the subsample map of sample " + (sampleIndex + 1) + " covers "
                    + total + " bytes but the sample has " + length);
        }
    }

    @Override
    public String toString() {
        return "TrackDecryptor[" + track + ", " + scheme.fourCC() + "]";
    }
}
