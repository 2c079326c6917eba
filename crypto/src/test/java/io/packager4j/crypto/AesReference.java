package io.packager4j.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deliberately naive reference implementations built from single-block AES/ECB calls, so the
 * engines are checked against something that shares none of their mode code.
 */
final class AesReference {

    private AesReference() {}

    static byte[] hex(String s) {
        String t = s.replace(" ", "");
        byte[] out = new byte[t.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] ecbBlock(byte[] key, byte[] block, boolean encrypt) {
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
            return c.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** cbcs pattern over one protected range, block by block. */
    static void cbcsPattern(byte[] key, byte[] iv, byte[] data, int off, int len,
            int crypt, int skip, boolean encrypt) {
        byte[] chain = iv.clone();
        int blocks = len / 16;
        int i = 0;
        while (i < blocks) {
            for (int k = 0; k < crypt && i < blocks; k++, i++) {
                int p = off + 16 * i;
                byte[] in = new byte[16];
                System.arraycopy(data, p, in, 0, 16);
                if (encrypt) {
                    for (int j = 0; j < 16; j++) {
                        in[j] ^= chain[j];
                    }
                    byte[] out = ecbBlock(key, in, true);
                    System.arraycopy(out, 0, data, p, 16);
                    chain = out;
                } else {
                    byte[] out = ecbBlock(key, in, false);
                    for (int j = 0; j < 16; j++) {
                        out[j] ^= chain[j];
                    }
                    System.arraycopy(out, 0, data, p, 16);
                    chain = in;
                }
            }
            i += skip;
        }
    }

    /** cenc CTR: counter is the IV with only its low 64 bits incrementing (wrapping). */
    static void cencCtr(byte[] key, byte[] iv, byte[] data, int off, int len) {
        byte[] counter = iv.clone();
        for (int done = 0; done < len; done += 16) {
            byte[] ks = ecbBlock(key, counter, true);
            for (int j = 0; j < 16 && done + j < len; j++) {
                data[off + done + j] ^= ks[j];
            }
            for (int j = 15; j >= 8; j--) {
                if (++counter[j] != 0) {
                    break;
                }
            }
        }
    }
}
