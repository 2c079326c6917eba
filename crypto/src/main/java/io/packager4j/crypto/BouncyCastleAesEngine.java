package io.packager4j.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.modes.CTRModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * {@link AesEngine} on Bouncy Castle's lightweight API ({@link AESEngine}, {@link
 * SICBlockCipher}, {@link CBCBlockCipher}); it does not go through the BC JCE provider.
 *
 * <p>Three mode ciphers (CTR, CBC encrypt, CBC decrypt) each own an AES engine, so switching
 * direction never forces a key change. Each re-expands its key schedule only when the key
 * changes: otherwise it is re-initialised with the IV alone, which BC allows. Not thread-safe.
 */
public final class BouncyCastleAesEngine extends AbstractAesEngine {

    private final CTRModeCipher ctrCipher = SICBlockCipher.newInstance(AESEngine.newInstance());
    private final CBCModeCipher cbcEncryptCipher =
            CBCBlockCipher.newInstance(AESEngine.newInstance());
    private final CBCModeCipher cbcDecryptCipher =
            CBCBlockCipher.newInstance(AESEngine.newInstance());
    private final Keyed ctr = new Keyed(ctrCipher, true);
    private final Keyed cbcEncrypt = new Keyed(cbcEncryptCipher, true);
    private final Keyed cbcDecrypt = new Keyed(cbcDecryptCipher, false);
    private CBCModeCipher activeCbc;

    /** Creates an engine with its own cipher instances. */
    public BouncyCastleAesEngine() {}

    @Override
    public AesEngines.Kind kind() {
        return AesEngines.Kind.BOUNCY_CASTLE;
    }

    @Override
    protected void ctrInit(byte[] key, byte[] counterBlock) {
        ctr.init(key, counterBlock);
    }

    @Override
    protected void ctrProcess(byte[] data, int off, int len) {
        ctrCipher.processBytes(data, off, len, data, off);
    }

    @Override
    protected void cbcInit(byte[] key, byte[] iv, boolean encrypt) {
        (encrypt ? cbcEncrypt : cbcDecrypt).init(key, iv);
        activeCbc = encrypt ? cbcEncryptCipher : cbcDecryptCipher;
    }

    @Override
    protected void cbcProcess(byte[] data, int off, int len) {
        // BC's CBC reads each input block before writing the output block, so in place is safe.
        activeCbc.processBlocks(data, off, len / BLOCK, data, off);
    }

    /** A BC mode cipher plus the key it was last initialised with. */
    private static final class Keyed {
        private final BlockCipher cipher;
        private final boolean forEncryption;
        private final byte[] key = new byte[BLOCK];
        private boolean keyed;

        Keyed(BlockCipher cipher, boolean forEncryption) {
            this.cipher = cipher;
            this.forEncryption = forEncryption;
        }

        void init(byte[] newKey, byte[] iv) {
            if (keyed && Arrays.equals(key, newKey)) {
                // A null key parameter keeps the existing key schedule and only resets the IV.
                cipher.init(forEncryption, new ParametersWithIV(null, iv));
            } else {
                System.arraycopy(newKey, 0, key, 0, BLOCK);
                cipher.init(forEncryption, new ParametersWithIV(new KeyParameter(key), iv));
                keyed = true;
            }
        }
    }
}
