package io.packager4j.hls.playlist;

import java.util.List;

/**
 * The multivariant (master) playlist: the renditions, the variant streams and their I-frame
 * streams.
 *
 * @param version             {@code EXT-X-VERSION}
 * @param independentSegments {@code EXT-X-INDEPENDENT-SEGMENTS}: every segment starts with a key frame
 * @param sessionKeys         {@code EXT-X-SESSION-KEY}s, so players can set up decryption early
 * @param renditions          {@code EXT-X-MEDIA} audio and subtitle renditions
 * @param variants            {@code EXT-X-STREAM-INF} variant streams, the first being the default
 * @param iFrameStreams       {@code EXT-X-I-FRAME-STREAM-INF}s
 */
public record MultivariantPlaylist(int version, boolean independentSegments, List<KeyTag> sessionKeys,
                                   List<Rendition> renditions, List<VariantStream> variants,
                                   List<IFrameStream> iFrameStreams) {

    public MultivariantPlaylist {
        sessionKeys = List.copyOf(sessionKeys);
        renditions = List.copyOf(renditions);
        variants = List.copyOf(variants);
        iFrameStreams = List.copyOf(iFrameStreams);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a multivariant playlist needs at least one variant stream");
        }
        for (VariantStream v : variants) {
            requireGroup(renditions, Rendition.Type.AUDIO, v.audioGroup(), v.uri());
            requireGroup(renditions, Rendition.Type.SUBTITLES, v.subtitlesGroup(), v.uri());
        }
    }

    /** RFC 8216 4.3.4.2: a group a variant names must exist among the renditions. */
    private static void requireGroup(List<Rendition> renditions, Rendition.Type type, String group, String variant) {
        if (group != null && renditions.stream().noneMatch(r -> r.type() == type && r.groupId().equals(group))) {
            throw new IllegalArgumentException("variant " + variant + " names " + type + " group '" + group
                    + "', which has no rendition");
        }
    }
}
