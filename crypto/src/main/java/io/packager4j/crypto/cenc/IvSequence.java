package io.packager4j.crypto.cenc;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-sample IVs for {@code cenc}, shared by every track encrypted under one key so that no IV is
 * ever used twice with that key.
 *
 * <p>Each sample gets the next value of a 64-bit counter that starts at a random point, as the
 * high 8 bytes of its 16-byte counter block; the low 8 bytes start at zero and count the sample's
 * AES blocks. Two samples therefore never share a counter block: that would take 2^64 samples, or
 * one sample of 2^64 blocks. An 8-byte IV is exactly those high 8 bytes (ISO/IEC 23001-7 9.2); a
 * 16-byte IV is the whole block. Thread-safe: representations are encrypted in parallel.
 */
final class IvSequence {

    private final AtomicLong next;

    IvSequence(long start) {
        this.next = new AtomicLong(start);
    }

    /** A sequence starting at a random value. */
    static IvSequence random(SecureRandom random) {
        return new IvSequence(random.nextLong());
    }

    /** Writes the next IV into {@code iv16}: 8 counter bytes, then 8 zero bytes. */
    void next(byte[] iv16) {
        long v = next.getAndIncrement();
        for (int i = 7; i >= 0; i--) {
            iv16[i] = (byte) v;
            v >>>= 8;
        }
        java.util.Arrays.fill(iv16, 8, 16, (byte) 0);
    }
}
