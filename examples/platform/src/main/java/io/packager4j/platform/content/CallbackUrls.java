package io.packager4j.platform.content;

import io.packager4j.platform.http.ApiError;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks a client's {@code callback_url}: an absolute http(s) URL with a host, of sane length. */
public final class CallbackUrls {

    static final int MAX_LENGTH = 2000;

    private CallbackUrls() {
    }

    /** The URL, or null when none was given; an {@link ApiError} 400 when it is not usable. */
    public static String check(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (url.length() > MAX_LENGTH) {
            throw bad("callback_url is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw bad("callback_url is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad("callback_url must be an http or https URL");
        }
        if (uri.getHost() == null) {
            throw bad("callback_url has no host");
        }
        return uri.toString();
    }

    private static ApiError bad(String message) {
        return ApiError.badRequest("bad_callback_url", message);
    }
}
