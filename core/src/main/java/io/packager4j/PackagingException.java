package io.packager4j;

/**
 * The one exception packager4j throws for anything wrong with an input, an option or an output.
 *
 * <p>Its message is meant for the person who ran the packager: it says what is wrong, where (file,
 * track, box, byte offset or sample number where they are known) and why, for example
 * {@code "in.mp4: track 2 (soun): unsupported codec 'mp4s' (supported: avc1, avc3, hvc1, hev1,
 * mp4a, ac-3, ec-3, Opus)"}. Messages never contain key material.
 */
public class PackagingException extends Exception {

    private static final long serialVersionUID = 1L;

    public PackagingException(String message) {
        super(message);
    }

    public PackagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
