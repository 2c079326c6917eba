package io.packager4j.core.packaging;

import io.packager4j.PackagingException;
import io.packager4j.core.cmaf.SampleDecryption;
import io.packager4j.core.cmaf.SampleProtection;

/**
 * What happens to one representation's samples on their way through: decryption of an encrypted
 * input, encryption of the output, or neither. Decryptors and encryptors are not thread-safe, so
 * this hands out a fresh pair to every worker that prepares segments of the representation.
 */
public interface SampleTransforms {

    /** Samples copied as they are: clear in, clear out. */
    SampleTransforms NONE = new SampleTransforms() {
        @Override
        public SampleDecryption newDecryption() {
            return null;
        }

        @Override
        public SampleProtection newProtection() {
            return null;
        }

        @Override
        public boolean segmentsIndependent() {
            return true;
        }
    };

    /** A new decryptor for one worker, or null when the input is clear. */
    SampleDecryption newDecryption() throws PackagingException;

    /** A new encryptor for one worker, or null when the output is clear. */
    SampleProtection newProtection() throws PackagingException;

    /**
     * Whether segments can be transformed independently, in any order. False when transforming a
     * sample depends on earlier segments, e.g. {@code cbcs} slice headers that refer to parameter
     * sets sent in band only once ({@code avc3}/{@code hev1} streams).
     */
    boolean segmentsIndependent();

    /** Whether samples pass through unchanged. */
    default boolean isIdentity() {
        return this == NONE;
    }
}
