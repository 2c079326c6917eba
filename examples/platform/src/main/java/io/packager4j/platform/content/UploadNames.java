package io.packager4j.platform.content;

import io.packager4j.platform.http.ApiError;

/**
 * Checks the file name a client gave an upload. It is only ever displayed (files are stored under
 * database ids), but a name that tries to climb directories or hide control characters says the
 * client is hostile or broken, so it is refused rather than quietly cleaned.
 */
public final class UploadNames {

    static final int MAX_LENGTH = 255;

    private UploadNames() {
    }

    /** The name itself, or an {@link ApiError} 400 saying what is wrong with it. */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw ApiError.badRequest("bad_file_name", "the upload has no file name");
        }
        if (name.length() > MAX_LENGTH) {
            throw ApiError.badRequest("bad_file_name", "the file name is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw ApiError.badRequest("bad_file_name", "the file name contains a control character");
            }
        }
        if (name.contains("/") || name.contains("\\")) {
            throw ApiError.badRequest("bad_file_name", "the file name must not contain a path: " + quoted(name));
        }
        if (name.equals(".") || name.equals("..")) {
            throw ApiError.badRequest("bad_file_name", "the file name " + quoted(name) + " is not a file name");
        }
        return name;
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
