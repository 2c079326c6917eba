package io.packager4j.core.media;

import java.util.Optional;

/**
 * The MPEG Common Encryption (ISO/IEC 23001-7) protection schemes packager4j reads and writes.
 * The other two schemes of the standard, {@code cens} and {@code cbc1}, are rarely deployed and
 * not supported.
 */
public enum ProtectionScheme {
    /** AES-128 CTR over whole protected ranges, a per-sample IV (8 or 16 bytes). */
    CENC("cenc"),
    /** AES-128 CBC with a crypt:skip block pattern (1:9 on video), a constant IV. */
    CBCS("cbcs");

    private final String fourCC;

    ProtectionScheme(String fourCC) {
        this.fourCC = fourCC;
    }

    /** The scheme type of {@code schm}, and the MPD's mp4protection value: "cenc" or "cbcs". */
    public String fourCC() {
        return fourCC;
    }

    /** The scheme with this {@code schm} scheme type, if it is one of ours. */
    public static Optional<ProtectionScheme> forFourCC(String fourCC) {
        for (ProtectionScheme s : values()) {
            if (s.fourCC.equals(fourCC)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
