package io.packager4j.hls.playlist;

import java.util.Objects;

/**
 * An {@code EXT-X-MEDIA} alternative rendition: one audio language or one subtitle track.
 *
 * @param type       AUDIO or SUBTITLES
 * @param groupId    the group variants refer to ({@code AUDIO="..."}, {@code SUBTITLES="..."})
 * @param language   RFC 5646 language tag, or null
 * @param name       human-readable name, unique within the group
 * @param isDefault  {@code DEFAULT=YES}: the rendition to play without a user choice
 * @param autoselect {@code AUTOSELECT=YES}: a player may choose it by the user's language
 * @param channels   audio channel count ({@code CHANNELS}), 0 to leave it out
 * @param uri        the rendition's media playlist
 */
public record Rendition(Type type, String groupId, String language, String name, boolean isDefault,
                        boolean autoselect, int channels, String uri) {

    /** The rendition types packager4j writes. */
    public enum Type {
        AUDIO, SUBTITLES
    }

    public Rendition {
        Objects.requireNonNull(type, "type");
        AttributeList.requireQuotable("GROUP-ID", groupId);
        AttributeList.requireQuotable("NAME", name);
        AttributeList.requireQuotable("URI", uri);
        if (language != null) {
            AttributeList.requireQuotable("LANGUAGE", language);
        }
        if (isDefault && !autoselect) {
            // RFC 8216 4.3.4.1: "If the value of DEFAULT is YES, AUTOSELECT MUST also be YES".
            throw new IllegalArgumentException("rendition " + name + ": DEFAULT=YES needs AUTOSELECT=YES");
        }
    }

    String attributes() {
        AttributeList a = new AttributeList().enumerated("TYPE", type.name()).quoted("GROUP-ID", groupId);
        if (language != null) {
            a.quoted("LANGUAGE", language);
        }
        a.quoted("NAME", name)
                .enumerated("DEFAULT", isDefault ? "YES" : "NO")
                .enumerated("AUTOSELECT", autoselect ? "YES" : "NO");
        if (channels > 0) {
            a.quoted("CHANNELS", Integer.toString(channels));
        }
        return a.quoted("URI", uri).toString();
    }
}
