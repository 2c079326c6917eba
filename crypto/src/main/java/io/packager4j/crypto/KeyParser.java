package io.packager4j.crypto;

import io.packager4j.PackagingException;
import java.util.Base64;

/**
 * Parses 16-byte content keys and key IDs from the textual forms users and key servers give them
 * in.
 *
 * <p>Accepted forms, tried in this order after stripping surrounding whitespace:
 *
 * <ol>
 *   <li>exactly 32 hex digits, either case;
 *   <li>a UUID: 36 characters, hex digits with dashes at positions 8, 13, 18 and 23;
 *   <li>base64 ({@code +/}) or base64url ({@code -_}) of exactly 16 bytes, with or without the
 *       {@code ==} padding, in canonical form (unused trailing bits zero).
 * </ol>
 *
 * <p>A 32-character all-hex string is therefore always read as hex, never as base64. A string
 * mixing the two base64 alphabets is rejected rather than guessed at.
 *
 * <p>Error messages name the argument ({@code key} or {@code key ID}) and the accepted forms. They
 * never contain a key's text; a key ID's text may appear because key IDs are public.
 */
public final class KeyParser {

    private static final int BYTES = 16;
    private static final int HEX_LENGTH = 32;
    private static final int UUID_LENGTH = 36;
    private static final String ACCEPTED =
            "expected 16 bytes as 32 hex digits, a UUID (8-4-4-4-12 hex digits), or base64/base64url"
                    + " (22 characters, or 24 with '==' padding)";

    private KeyParser() {}

    /**
     * Parses a content key.
     *
     * @param text the key text
     * @return the key
     * @throws PackagingException if the text is null, blank or not one of the accepted forms; the
     *     message does not contain the text
     */
    public static ContentKey parseKey(String text) throws PackagingException {
        return ContentKey.of(parse(text, "key", false));
    }

    /**
     * Parses a key ID.
     *
     * @param text the key ID text
     * @return the key ID
     * @throws PackagingException if the text is null, blank or not one of the accepted forms
     */
    public static KeyId parseKeyId(String text) throws PackagingException {
        return KeyId.of(parse(text, "key ID", true));
    }

    private static byte[] parse(String text, String what, boolean mayEcho)
            throws PackagingException {
        if (text == null) {
            throw invalid(what, "it is missing");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw invalid(what, "it is empty");
        }
        if (s.length() == HEX_LENGTH && allHex(s, 0, s.length())) {
            return Hex.decode(s);
        }
        if (looksLikeUuid(s)) {
            return Hex.decode(s.replace("-", ""));
        }
        return parseBase64(s, what, mayEcho);
    }

    private static boolean looksLikeUuid(String s) {
        if (s.length() != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean dashPosition = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashPosition ? c != '-' : !Hex.isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] parseBase64(String s, String what, boolean mayEcho)
            throws PackagingException {
        boolean standard = false;
        boolean url = false;
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '/') {
                standard = true;
            } else if (c == '-' || c == '_') {
                url = true;
            } else if (!isBase64Common(c)) {
                throw invalid(what, describe(s, mayEcho)
                        + " contains characters that are not hex, UUID, base64 or base64url");
            }
        }
        if (standard && url) {
            throw invalid(what, describe(s, mayEcho)
                    + " mixes base64 ('+', '/') and base64url ('-', '_') characters");
        }
        String unpadded = s.substring(0, end);
        int padding = s.length() - end;
        // 16 bytes are 22 base64 characters plus exactly two '=' when padded.
        if (unpadded.length() != 22 || (padding != 0 && padding != 2)) {
            throw invalid(what, describe(s, mayEcho) + " does not encode exactly 16 bytes");
        }
        Base64.Decoder decoder = url ? Base64.getUrlDecoder() : Base64.getDecoder();
        byte[] bytes;
        try {
            bytes = decoder.decode(unpadded);
        } catch (IllegalArgumentException e) {
            // The JDK message quotes the offending character; drop it so no key text leaks.
            throw invalid(what, describe(s, mayEcho) + " is not valid base64");
        }
        Base64.Encoder encoder = (url ? Base64.getUrlEncoder() : Base64.getEncoder()).withoutPadding();
        // Non-zero unused trailing bits mean a typo the decoder would silently accept.
        if (bytes.length != BYTES || !encoder.encodeToString(bytes).equals(unpadded)) {
            throw invalid(what, describe(s, mayEcho) + " is not canonical base64 of 16 bytes");
        }
        return bytes;
    }

    private static boolean isBase64Common(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean allHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Hex.isHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(String s, boolean mayEcho) {
        return mayEcho ? "'" + s + "'" : "the value (" + s.length() + " characters)";
    }

    private static PackagingException invalid(String what, String reason) {
        return new PackagingException("invalid " + what + ": " + reason + "; " + ACCEPTED);
    }
}
