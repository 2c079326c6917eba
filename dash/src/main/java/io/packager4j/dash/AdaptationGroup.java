package io.packager4j.dash;

import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.RepresentationOutput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Representations a player may switch between, written as one AdaptationSet.
 *
 * @param kind            video or audio
 * @param language        the set's {@code lang} (audio), or {@code null} (video)
 * @param representations members, in input order
 */
record AdaptationGroup(TrackKind kind, String language, List<RepresentationOutput> representations) {

    AdaptationGroup {
        representations = List.copyOf(representations);
    }

    /**
     * Groups representations: all video in one set (first), then one audio set per language and
     * codec family, in order of first appearance. The family is the codecs string up to its first
     * {@code '.'} ({@code mp4a}, {@code ec-3}, {@code Opus}): players cannot switch seamlessly
     * between families, and a language change is a user choice, not an adaptation.
     */
    static List<AdaptationGroup> of(List<RepresentationOutput> representations) {
        List<RepresentationOutput> video = new ArrayList<>();
        Map<List<String>, List<RepresentationOutput>> audio = new LinkedHashMap<>();
        for (RepresentationOutput r : representations) {
            if (r.kind() == TrackKind.VIDEO) {
                video.add(r);
            } else {
                List<String> key = List.of(Languages.normalize(r.id(), r.language()), codecFamily(r.codecs()));
                audio.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
        }
        List<AdaptationGroup> groups = new ArrayList<>();
        if (!video.isEmpty()) {
            groups.add(new AdaptationGroup(TrackKind.VIDEO, null, video));
        }
        audio.forEach((key, members) -> groups.add(new AdaptationGroup(TrackKind.AUDIO, key.get(0), members)));
        return groups;
    }

    /** The codecs string up to the first {@code '.'}: {@code avc1.64001f} gives {@code avc1}. */
    static String codecFamily(String codecs) {
        int dot = codecs.indexOf('.');
        return dot < 0 ? codecs : codecs.substring(0, dot);
    }

    /** The codecs string shared by every member, or {@code null} when they differ. */
    String commonCodecs() {
        String first = representations.get(0).codecs();
        return representations.stream().allMatch(r -> r.codecs().equals(first)) ? first : null;
    }

    /**
     * Whether segment alignment may be claimed. Members come from one source cut at the same
     * target, so equal segment counts are the signal; a different count proves misalignment, and
     * then we claim nothing (the attribute's default is false).
     */
    boolean segmentCountsMatch() {
        int count = representations.get(0).segments().size();
        return representations.stream().allMatch(r -> r.segments().size() == count);
    }
}
