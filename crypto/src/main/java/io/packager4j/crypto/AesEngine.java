package io.packager4j.crypto;

/**
 * The AES-128 operations MPEG Common Encryption (ISO/IEC 23001-7) needs, behind one interface so
 * that the JCE and Bouncy Castle implementations can be swapped and benchmarked.
 *
 * <p>All operations work in place on {@code data[off..off+len)}. Keys and IVs are 16-byte arrays
 * that the engine does not keep references to. Implementations reuse their cipher objects and
 * re-expand a key only when it changes, so the per-sample path allocates at most the small IV
 * parameter objects the underlying APIs insist on.
 *
 * <p>Engines are <b>not thread-safe</b>: use one instance per thread (for example one per
 * representation being packaged). Create them with {@link AesEngines#create(AesEngines.Kind)}.
 */
public interface AesEngine {

    /** @return which implementation this is */
    AesEngines.Kind kind();

    /**
     * Starts a CENC {@code cenc} AES-CTR keystream for one sample.
     *
     * <p>{@code iv16} is the initial 16-byte counter block; a caller with an 8-byte IV pads it with
     * 8 zero bytes. As ISO/IEC 23001-7 specifies, only the low 64 bits (bytes 8 to 15, big-endian)
     * are a block counter: after {@code ffffffffffffffff} they wrap to zero and the high 64 bits
     * never change. This differs from a plain 128-bit CTR counter only at that wrap-around, which
     * the engine handles explicitly.
     *
     * @param key16 the 16-byte key
     * @param iv16 the 16-byte initial counter block
     * @return the engine's reusable stream, positioned at the start of the sample; any earlier
     *     stream from this engine is invalidated
     * @throws IllegalArgumentException if the key or IV is not 16 bytes
     */
    CtrStream ctrStream(byte[] key16, byte[] iv16);

    /**
     * Encrypts or decrypts (the same thing in CTR) one contiguous range with a fresh {@code cenc}
     * keystream; shorthand for {@code ctrStream(key16, iv16).apply(data, off, len)}.
     *
     * @param key16 the 16-byte key
     * @param iv16 the 16-byte initial counter block
     * @param data the buffer
     * @param off start of the range
     * @param len length of the range
     */
    void ctr(byte[] key16, byte[] iv16, byte[] data, int off, int len);

    /**
     * AES-CBC without padding over the whole 16-byte blocks of the range; a trailing partial block
     * is left clear, as {@code cbcs} requires.
     *
     * @param key16 the 16-byte key
     * @param iv16 the 16-byte IV
     * @param data the buffer
     * @param off start of the range
     * @param len length of the range; bytes beyond the last whole block are untouched
     * @param encrypt {@code true} to encrypt, {@code false} to decrypt
     */
    void cbc(byte[] key16, byte[] iv16, byte[] data, int off, int len, boolean encrypt);

    /**
     * Applies the CENC {@code cbcs} pattern to one protected range (one subsample's protected
     * bytes, or a whole sample without subsamples).
     *
     * <p>The range is split into 16-byte blocks; the first {@code cryptBlocks} are encrypted, the
     * next {@code skipBlocks} left clear, and so on. If fewer than {@code cryptBlocks} whole blocks
     * remain at the end they are all encrypted; a trailing partial block is always clear. CBC
     * chaining runs through the encrypted blocks only, starting from {@code iv16}: call this once
     * per protected range with the same constant IV, because {@code cbcs} resets the IV for each
     * subsample. {@code skipBlocks == 0} means no pattern: every whole block is encrypted (as for
     * audio, whose {@code tenc} pattern is 0:0).
     *
     * @param key16 the 16-byte key
     * @param iv16 the 16-byte constant IV
     * @param data the buffer
     * @param off start of the protected range
     * @param len length of the protected range
     * @param cryptBlocks encrypted blocks per pattern (typically 1); may be 0 only with {@code
     *     skipBlocks == 0}
     * @param skipBlocks clear blocks per pattern (typically 9)
     * @param encrypt {@code true} to encrypt, {@code false} to decrypt
     * @throws IllegalArgumentException for a negative count, or {@code cryptBlocks == 0} with a
     *     non-zero {@code skipBlocks}
     */
    void cbcsPattern(byte[] key16, byte[] iv16, byte[] data, int off, int len,
            int cryptBlocks, int skipBlocks, boolean encrypt);
}
