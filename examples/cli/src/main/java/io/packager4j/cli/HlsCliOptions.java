package io.packager4j.cli;

import io.packager4j.Packager;
import io.packager4j.hls.HlsOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The HLS and subtitle flags of {@code package}. */
final class HlsCliOptions {

    /** A BCP 47 tag after the last ':' of --subtitles; anything else belongs to the file name. */
    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*");

    @Option(names = "--hls", description = "Also write HLS playlists over the same segments: DIR/master.m3u8 beside DIR/manifest.mpd.")
    boolean hls;

    @Option(names = "--hls-key-uri", paramLabel = "URI",
            description = "With encryption: the EXT-X-KEY URI players fetch the key from (a key server URL, or "
                    + "data:text/plain;base64,... for KEYFORMAT identity).")
    String keyUri;

    @Option(names = "--hls-key-format", paramLabel = "FORMAT",
            description = "EXT-X-KEY KEYFORMAT (default identity).")
    String keyFormat;

    @Option(names = "--subtitles", paramLabel = "FILE[:LANG]",
            description = "A WebVTT file to publish as a subtitle track in DASH and HLS, with its language "
                    + "(BCP 47, default und); repeatable.")
    List<String> subtitles = new ArrayList<>();

    /** Applies the flags to {@code builder}. */
    void apply(Packager.Builder builder, CommandLine cmd, boolean encrypting) {
        if (!hls && (keyUri != null || keyFormat != null)) {
            throw new ParameterException(cmd, "--hls-key-uri and --hls-key-format need --hls");
        }
        if (hls) {
            if (encrypting && keyUri == null) {
                throw new ParameterException(cmd, "--hls with encryption needs --hls-key-uri (where players get the key)");
            }
            try {
                HlsOptions.Builder options = HlsOptions.builder();
                if (keyUri != null) {
                    options.keyUri(keyUri);
                }
                if (keyFormat != null) {
                    options.keyFormat(keyFormat);
                }
                builder.hls(options.build());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd, e.getMessage());
            }
        }
        for (String s : subtitles) {
            int colon = s.lastIndexOf(':');
            boolean tagged = colon > 0 && LANGUAGE.matcher(s.substring(colon + 1)).matches();
            Path file = Path.of(tagged ? s.substring(0, colon) : s);
            builder.subtitles(file, tagged ? s.substring(colon + 1) : "und");
        }
    }
}
