package io.packager4j.crypto;

/** Creates {@link AesEngine}s. */
public final class AesEngines {

    /** The available AES implementations. */
    public enum Kind {
        /** {@code javax.crypto} ciphers from the JDK's own provider, which uses AES-NI. */
        JCE,
        /** Bouncy Castle's lightweight (non-JCE) API, pure Java. */
        BOUNCY_CASTLE
    }

    private AesEngines() {}

    /**
     * Creates a new engine. Engines are not thread-safe; create one per thread.
     *
     * @param kind the implementation
     * @return a new engine
     */
    public static AesEngine create(Kind kind) {
        switch (kind) {
            case JCE:
                return new JceAesEngine();
            case BOUNCY_CASTLE:
                return new BouncyCastleAesEngine();
            default:
                throw new IllegalArgumentException("unknown AES engine kind " + kind);
        }
    }

    /**
     * The implementation used when none is configured: {@link Kind#JCE}, chosen by the JMH
     * benchmark {@code io.packager4j.benchmarks.AesEngineBenchmark} (results and method in {@code
     * BENCHMARKS.md}, section "AES engines"). On JDK 17 with AES-NI (2-core Xeon VM), JCE was
     * faster for every operation and sample size measured, 300 B to 200 KB, in sample bytes per
     * second: {@code cenc} CTR 3.0&ndash;6.7 GB/s against 0.13&ndash;0.18 GB/s for Bouncy Castle
     * (22&ndash;45&times;), the {@code cbcs} 1:9 pattern 3.4&ndash;8.5 GB/s against
     * 1.6&ndash;1.9 GB/s (2.2&ndash;4.5&times;) and full {@code cbcs} CBC 1.4&ndash;1.7 GB/s
     * against 0.19 GB/s (7&ndash;9&times;). Bouncy Castle's lightweight AES is pure Java: choose
     * {@link Kind#BOUNCY_CASTLE} explicitly only where the JDK provider is unavailable or not
     * accelerated.
     *
     * @return the default kind
     */
    public static Kind defaultKind() {
        return Kind.JCE;
    }

    /** @return a new engine of the {@linkplain #defaultKind() default kind} */
    public static AesEngine createDefault() {
        return create(defaultKind());
    }
}
