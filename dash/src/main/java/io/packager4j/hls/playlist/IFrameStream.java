package io.packager4j.hls.playlist;

/**
 * An {@code EXT-X-I-FRAME-STREAM-INF}: the I-frame playlist of one video rendition, for trick
 * play (fast forward, rewind, scrubbing thumbnails).
 *
 * @param bandwidth        peak bit rate of the I-frames alone
 * @param averageBandwidth average bit rate of the I-frames, or 0 to leave it out
 * @param codecs           the video codecs
 * @param width            display width
 * @param height           display height
 * @param uri              the I-frame playlist
 */
public record IFrameStream(long bandwidth, long averageBandwidth, String codecs, int width, int height, String uri) {

    public IFrameStream {
        if (bandwidth < 1) {
            throw new IllegalArgumentException("I-frame stream " + uri + ": BANDWIDTH " + bandwidth + " is not positive");
        }
        AttributeList.requireQuotable("CODECS", codecs);
        AttributeList.requireQuotable("URI", uri);
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
        return a.quoted("URI", uri).toString();
    }
}
