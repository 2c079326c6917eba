package io.packager4j.core.cmaf;

import io.packager4j.PackagingException;

/**
 * Decrypts an encrypted input track's samples as the segment writer reads them, before any
 * output protection is applied. One instance per representation; not thread-safe. The
 * implementation lives in the crypto module.
 */
@FunctionalInterface
public interface SampleDecryption {

    /**
     * Decrypts sample {@code sampleIndex} of the track in place.
     *
     * @param sampleIndex index of the sample in the track's sample table
     * @param data        buffer holding the sample
     * @param offset      where the sample starts in {@code data}
     * @param length      the sample's size
     * @throws PackagingException if the sample's encryption information does not fit the sample,
     *                            or no key is known for its key ID
     */
    void decrypt(int sampleIndex, byte[] data, int offset, int length) throws PackagingException;
}
