package io.packager4j.platform.content;

import io.packager4j.platform.http.ApiError;

import java.nio.charset.StandardCharsets;

/**
 * Checks the object key a client names in {@code POST /encode}. Keys are never used as local
 * paths, but one that climbs ({@code ..}), starts at a root, or hides control characters says the
 * client is broken or hostile, so it is refused rather than passed on to the bucket.
 */
public final class ObjectNames {

    /** S3's limit on a key, in UTF-8 bytes. */
    static final int MAX_BYTES = 1024;

    private ObjectNames() {
    }

    /** The key itself, or an {@link ApiError} 400 saying what is wrong with it. */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw bad("\"video_filename\" is required: the key of an object in the input bucket");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw bad("\"video_filename\" is longer than S3's " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw bad("\"video_filename\" contains a control character");
            }
        }
        if (key.startsWith("/")) {
            throw bad("\"video_filename\" must be a key in the input bucket, not an absolute path: \"" + key + "\"");
        }
        if (key.indexOf('\\') >= 0) {
            throw bad("\"video_filename\" must not contain a backslash: \"" + key + "\"");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                throw bad("\"video_filename\" must not contain empty, \".\" or \"..\" path segments: \"" + key + "\"");
            }
        }
        return key;
    }

    private static ApiError bad(String message) {
        return ApiError.badRequest("bad_file_name", message);
    }
}
