package io.packager4j.core.media;

/** What a track carries, from its handler ({@code hdlr}) type. */
public enum TrackKind {
    VIDEO("vide", "video/mp4"),
    AUDIO("soun", "audio/mp4");

    private final String handlerType;
    private final String mimeType;

    TrackKind(String handlerType, String mimeType) {
        this.handlerType = handlerType;
        this.mimeType = mimeType;
    }

    /** The four-character handler type of the {@code hdlr} box. */
    public String handlerType() {
        return handlerType;
    }

    /** The MIME type of CMAF segments carrying this kind of track. */
    public String mimeType() {
        return mimeType;
    }
}
