package io.packager4j.dash;

import java.util.regex.Pattern;

/**
 * Checks language tags for {@code AdaptationSet@lang}, an {@code xs:language}. Public so that the
 * HLS playlists label languages exactly as the MPD does; an internal helper, not a stable API.
 */
public final class Languages {

    /** The lexical space of {@code xs:language} (BCP 47 shape). */
    private static final Pattern XS_LANGUAGE = Pattern.compile("[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*");

    /** ISO 639-2 "undetermined", what an input without a language carries. */
    public static final String UNDETERMINED = "und";

    private Languages() {
    }

    /**
     * {@code language}, or {@code und} when absent.
     *
     * @throws IllegalArgumentException if it is not a valid {@code xs:language}: writing it anyway
     *     would make the MPD invalid, and guessing another language would mislabel the audio
     */
    public static String normalize(String representationId, String language) {
        if (language == null || language.isBlank()) {
            return UNDETERMINED;
        }
        if (!XS_LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException(
                    "representation " + representationId + ": language '" + language + "' is not a language tag");
        }
        return language;
    }
}
