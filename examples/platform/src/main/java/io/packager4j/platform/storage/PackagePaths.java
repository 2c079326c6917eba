package io.packager4j.platform.storage;

import java.util.regex.Pattern;

/**
 * The paths inside a package a client may ask for. Refused are {@code ..}, {@code .}, empty and
 * hidden segments (such as a packager's temporary files), backslashes, colons, NUL and absolute
 * paths: with files on disk these could climb out of the package's folder; with objects they
 * could name keys outside its prefix.
 */
public final class PackagePaths {

    private static final Pattern PACKAGE_ID = Pattern.compile("[0-9]{1,18}");
    private static final int MAX_LENGTH = 1024;

    private PackagePaths() {
    }

    public static boolean isPackageId(String id) {
        return id != null && PACKAGE_ID.matcher(id).matches();
    }

    public static boolean isAcceptable(String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > MAX_LENGTH || relative.startsWith("/")
                || relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0 || relative.indexOf(':') >= 0) {
            return false;
        }
        for (int i = 0; i < relative.length(); i++) {
            if (relative.charAt(i) < 0x20 || relative.charAt(i) == 0x7f) {
                return false;
            }
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
