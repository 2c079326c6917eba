package io.packager4j.hls;

import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.dash.Languages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arranges audio representations into HLS audio groups ({@code EXT-X-MEDIA GROUP-ID}).
 *
 * <p>A group holds alternatives a user chooses between, one rendition per language; a variant
 * names one group. So groups are made per codec family (players cannot switch seamlessly between
 * AAC and E-AC-3 within a variant) and, when a language comes in several bit rates, per tier: tier
 * 0 holds the highest bit rate of every language, tier 1 the next, and a language with fewer bit
 * rates contributes its lowest to the higher tiers. Each group then pairs with each video
 * rendition as a variant.
 */
final class AudioGroups {

    /**
     * One audio group.
     *
     * @param id      GROUP-ID
     * @param members one representation per language, in order of first appearance (the first is
     *                the DEFAULT)
     */
    record Group(String id, List<RepresentationOutput> members) {
        Group {
            members = List.copyOf(members);
        }

        /** Largest peak bit rate of any member: what a variant must budget for. */
        long maxBandwidth() {
            return members.stream().mapToLong(RepresentationOutput::bandwidth).max().orElse(0);
        }

        long maxAverageBandwidth() {
            return members.stream().mapToLong(RepresentationOutput::averageBandwidth).max().orElse(0);
        }

        /** The members' distinct codecs, in order. */
        List<String> codecs() {
            return members.stream().map(RepresentationOutput::codecs).distinct().toList();
        }
    }

    private AudioGroups() {
    }

    static List<Group> of(List<RepresentationOutput> representations) {
        // family -> language -> representations
        Map<String, Map<String, List<RepresentationOutput>>> families = new LinkedHashMap<>();
        for (RepresentationOutput r : representations) {
            if (r.kind() != TrackKind.AUDIO) {
                continue;
            }
            families.computeIfAbsent(codecFamily(r.codecs()), f -> new LinkedHashMap<>())
                    .computeIfAbsent(Languages.normalize(r.id(), r.language()), l -> new ArrayList<>())
                    .add(r);
        }
        List<Group> groups = new ArrayList<>();
        families.forEach((family, languages) -> {
            languages.values().forEach(list -> list.sort(
                    Comparator.comparingLong(RepresentationOutput::bandwidth).reversed()));
            int tiers = languages.values().stream().mapToInt(List::size).max().orElse(0);
            for (int tier = 0; tier < tiers; tier++) {
                List<RepresentationOutput> members = new ArrayList<>();
                for (List<RepresentationOutput> byRate : languages.values()) {
                    members.add(byRate.get(Math.min(tier, byRate.size() - 1)));
                }
                String id = "audio-" + family.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "")
                        + (tiers > 1 ? "-" + tier : "");
                groups.add(new Group(id, members));
            }
        });
        return groups;
    }

    /** The codecs string up to the first {@code '.'}: {@code mp4a.40.2} gives {@code mp4a}. */
    static String codecFamily(String codecs) {
        int dot = codecs.indexOf('.');
        return dot < 0 ? codecs : codecs.substring(0, dot);
    }
}
