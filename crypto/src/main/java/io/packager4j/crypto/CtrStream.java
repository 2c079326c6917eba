package io.packager4j.crypto;

/**
 * An AES-CTR keystream positioned within one sample, as CENC {@code cenc} needs it: the protected
 * ranges of a sample's subsamples are encrypted with one continuous keystream, so the position
 * carries over from one {@link #apply} call to the next, including mid-block.
 *
 * <p>Obtained from {@link AesEngine#ctrStream(byte[], byte[])}. The object belongs to its engine
 * and is reused: starting a new stream, or any other engine operation, invalidates it. Not
 * thread-safe.
 */
public interface CtrStream {

    /**
     * XORs the next {@code len} keystream bytes into {@code data[off..off+len)}, in place. The same
     * call encrypts and decrypts.
     *
     * @param data the buffer
     * @param off start of the range
     * @param len length of the range; may be zero
     * @throws IllegalStateException if the stream was invalidated by another engine operation
     * @throws IndexOutOfBoundsException if the range is outside {@code data}
     */
    void apply(byte[] data, int off, int len);
}
