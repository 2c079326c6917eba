package io.packager4j.hls.playlist;

import java.math.BigDecimal;

/**
 * An {@code EXT-X-STREAM-INF} variant stream and its media playlist.
 *
 * @param bandwidth        peak segment bit rate of the variant (its video and audio together)
 * @param averageBandwidth average segment bit rate, or 0 to leave it out
 * @param codecs           RFC 6381 codecs of every format in the variant, comma separated
 * @param width            display width, 0 without video
 * @param height           display height, 0 without video
 * @param frameRate        maximum frame rate, three decimals at most, or null
 * @param audioGroup       the {@code AUDIO} group, or null
 * @param subtitlesGroup   the {@code SUBTITLES} group, or null
 * @param uri              the media playlist
 */
public record VariantStream(long bandwidth, long averageBandwidth, String codecs, int width, int height,
                            BigDecimal frameRate, String audioGroup, String subtitlesGroup, String uri) {

    public VariantStream {
        if (bandwidth < 1) {
            throw new IllegalArgumentException("variant " + uri + ": BANDWIDTH " + bandwidth + " is not positive");
        }
        AttributeList.requireQuotable("CODECS", codecs);
        AttributeList.requireQuotable("URI", uri);
        if (frameRate != null && frameRate.scale() > 3) {
            throw new IllegalArgumentException("FRAME-RATE " + frameRate + " has more than three decimals");
        }
    }

    String attributes() {
        AttributeList a = new AttributeList().integer("BANDWIDTH", bandwidth);
        if (averageBandwidth > 0) {
            a.integer("AVERAGE-BANDWIDTH", averageBandwidth);
        }
        a.quoted("CODECS", codecs);
        if (width > 0 && height > 0) {
            a.resolution("RESOLUTION", width, height);
        }
        if (frameRate != null) {
            a.decimal("FRAME-RATE", frameRate);
        }
        if (audioGroup != null) {
            a.quoted("AUDIO", audioGroup);
        }
        if (subtitlesGroup != null) {
            a.quoted("SUBTITLES", subtitlesGroup);
        }
        return a.toString();
    }
}
