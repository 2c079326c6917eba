package io.packager4j.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link AesEngine} on {@code javax.crypto}: {@code AES/CTR/NoPadding} and {@code
 * AES/CBC/NoPadding} from the platform provider, which HotSpot accelerates with AES-NI.
 *
 * <p>The two {@link Cipher}s are created once and re-initialised per sample or range; the {@link
 * SecretKeySpec} is rebuilt only when the key changes. CTR always runs in encrypt mode (the
 * operation is its own inverse).
 *
 * <p>Output goes to a reusable scratch array and is copied back, never in place: given the same
 * array as input and output, the JDK 17 cipher copies the input into a fresh array on every call,
 * which allocated about one byte per byte processed and made CTR three times slower than this
 * (measured in {@code JceCipherInPlaceBenchmark}, see BENCHMARKS.md). Not thread-safe.
 */
public final class JceAesEngine extends AbstractAesEngine {

    private final Cipher ctrCipher;
    private final Cipher cbcCipher;
    /** A whole number of blocks, so CBC chunks stay block-aligned. */
    private static final int SCRATCH_BYTES = 16 * 1024;

    private final byte[] lastKey = new byte[BLOCK];
    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private SecretKeySpec keySpec;

    /** Creates an engine with its own cipher instances. */
    public JceAesEngine() {
        try {
            ctrCipher = Cipher.getInstance("AES/CTR/NoPadding");
            cbcCipher = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide AES; reaching this means a broken runtime.
            throw new IllegalStateException("the JDK provides no AES/CTR or AES/CBC cipher", e);
        }
    }

    @Override
    public AesEngines.Kind kind() {
        return AesEngines.Kind.JCE;
    }

    @Override
    protected void ctrInit(byte[] key, byte[] counterBlock) {
        init(ctrCipher, Cipher.ENCRYPT_MODE, key, counterBlock);
    }

    @Override
    protected void ctrProcess(byte[] data, int off, int len) {
        update(ctrCipher, data, off, len);
    }

    @Override
    protected void cbcInit(byte[] key, byte[] iv, boolean encrypt) {
        init(cbcCipher, encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, iv);
    }

    @Override
    protected void cbcProcess(byte[] data, int off, int len) {
        update(cbcCipher, data, off, len);
    }

    private void init(Cipher cipher, int mode, byte[] key, byte[] iv) {
        if (keySpec == null || !Arrays.equals(lastKey, key)) {
            System.arraycopy(key, 0, lastKey, 0, BLOCK);
            keySpec = new SecretKeySpec(lastKey, "AES");
        }
        try {
            cipher.init(mode, keySpec, new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES initialisation with the key failed", e);
        }
    }

    private void update(Cipher cipher, byte[] data, int off, int len) {
        try {
            while (len > 0) {
                int chunk = Math.min(len, SCRATCH_BYTES);
                // Without padding, CTR and CBC release every byte/whole block immediately.
                int n = cipher.update(data, off, chunk, scratch, 0);
                if (n != chunk) {
                    throw new IllegalStateException("AES produced " + n + " bytes for " + chunk);
                }
                System.arraycopy(scratch, 0, data, off, chunk);
                off += chunk;
                len -= chunk;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES processing failed", e);
        }
    }
}
