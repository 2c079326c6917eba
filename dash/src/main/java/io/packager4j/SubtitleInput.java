package io.packager4j;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A WebVTT subtitle file to publish with the media, as a subtitle track of both manifests.
 *
 * @param file     the {@code .vtt} file; its cue times are presentation times (0 is the start)
 * @param language its BCP 47 language tag, such as {@code en} or {@code pt-BR}
 */
public record SubtitleInput(Path file, String language) {

    /** The shape of a BCP 47 tag (also that of {@code xs:language}, which the MPD needs). */
    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*");

    /** @throws IllegalArgumentException if {@code language} is not a language tag */
    public SubtitleInput {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(language, "language");
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("subtitles " + file + ": '" + language + "' is not a language tag");
        }
    }
}
