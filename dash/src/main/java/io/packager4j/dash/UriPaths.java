package io.packager4j.dash;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Turns relative file paths into relative URI references for the MPD.
 *
 * <p>The paths we receive are file names (with {@code /} separators), not URLs: a {@code %}, a
 * space, a {@code #} or a non-ASCII letter in them means that character, so it is percent-encoded
 * (UTF-8). Left as they are: RFC 3986 unreserved characters, {@code /} and the sub-delimiters that
 * have no special meaning in a path. Also encoded, though legal in a URI: {@code :} (in a first
 * segment it would read as a scheme), {@code +} (some object stores decode it to a space) and
 * {@code $} (a template delimiter in SegmentTemplate attributes).
 *
 * <p>Public so that the HLS playlists address files exactly as the MPD does; an internal helper,
 * not a stable API.
 */
public final class UriPaths {

    private static final String KEPT_PUNCTUATION = "-._~!&'()*,;=@/";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A DASH template identifier: a name, optionally with a width format tag as in {@code $Number%05d$}. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z]+(%0[0-9]+d)?");

    private UriPaths() {
    }

    /**
     * The URI reference of a relative file path.
     *
     * @throws IllegalArgumentException if {@code path} is empty, absolute or uses {@code \} separators
     */
    public static String encodePath(String what, String path) {
        checkRelative(what, path);
        return encode(path);
    }

    /**
     * The URI-escaped form of a SegmentTemplate URL template: the text between identifiers is
     * encoded like a path, the {@code $...$} identifiers and {@code $$} escapes are kept.
     *
     * @throws IllegalArgumentException if {@code template} is not relative, has an unterminated
     *     {@code $} or a malformed identifier
     */
    static String encodeTemplate(String what, String template) {
        checkRelative(what, template);
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('$', i);
            if (open < 0) {
                out.append(encode(template.substring(i)));
                break;
            }
            out.append(encode(template.substring(i, open)));
            int close = template.indexOf('$', open + 1);
            if (close < 0) {
                throw new IllegalArgumentException(what + ": unterminated '$' in template '" + template + "'");
            }
            String identifier = template.substring(open + 1, close);
            if (!identifier.isEmpty() && !IDENTIFIER.matcher(identifier).matches()) {
                throw new IllegalArgumentException(
                        what + ": malformed identifier '$" + identifier + "$' in template '" + template + "'");
            }
            out.append(template, open, close + 1);
            i = close + 1;
        }
        return out.toString();
    }

    private static void checkRelative(String what, String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(what + ": missing path");
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException(what + ": '" + path + "' must be relative to the manifest");
        }
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(what + ": '" + path + "' must use '/' separators, not '\\'");
        }
    }

    private static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isKept(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || (c < 0x80 && KEPT_PUNCTUATION.indexOf(c) >= 0);
    }
}
