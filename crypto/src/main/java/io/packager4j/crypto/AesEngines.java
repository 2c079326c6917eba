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
     * The implementation used when none is configured: {@link Kind#JCE} for now. This is a
     * provisional choice; the JMH benchmark is to decide the default later.
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
