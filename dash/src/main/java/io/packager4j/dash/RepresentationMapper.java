package io.packager4j.dash;

import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.dash.mpd.Descriptor;
import io.packager4j.dash.mpd.Initialization;
import io.packager4j.dash.mpd.Representation;
import io.packager4j.dash.mpd.SegmentBase;
import io.packager4j.dash.mpd.SegmentTemplate;

/** Maps one {@link RepresentationOutput} to a {@link Representation} element. */
final class RepresentationMapper {

    static final String AUDIO_CHANNEL_CONFIGURATION_SCHEME =
            "urn:mpeg:dash:23003:3:audio_channel_configuration:2011";

    private RepresentationMapper() {
    }

    /**
     * The Representation element.
     *
     * @param includeCodecs false when the adaptation set already carries the (common) codecs
     */
    static Representation map(OutputProfile profile, RepresentationOutput r, boolean includeCodecs) {
        Representation rep = new Representation().id(r.id()).bandwidth(r.bandwidth());
        if (includeCodecs) {
            rep.codecs(r.codecs());
        }
        if (r.kind() == TrackKind.VIDEO) {
            rep.width(r.width()).height(r.height());
            if (r.frameRate() != null) {
                rep.frameRate(r.frameRate().toFrameRateString());
            }
            if (r.sampleAspectRatio() != null) {
                rep.sar(r.sampleAspectRatio().toRatioString());
            }
        } else {
            if (r.audioSamplingRate() > 0) {
                rep.audioSamplingRate(r.audioSamplingRate());
            }
            if (r.audioChannels() > 0) {
                rep.getAudioChannelConfigurations().add(
                        new Descriptor(AUDIO_CHANNEL_CONFIGURATION_SCHEME, Integer.toString(r.audioChannels())));
            }
        }
        if (profile == OutputProfile.LIVE) {
            rep.segmentTemplate(segmentTemplate(r));
        } else {
            rep.baseUrl(UriPaths.encodePath("representation " + r.id() + " onDemandPath", r.onDemandPath()));
            rep.segmentBase(segmentBase(r));
        }
        return rep;
    }

    private static SegmentTemplate segmentTemplate(RepresentationOutput r) {
        String where = "representation " + r.id();
        return new SegmentTemplate()
                .timescale(r.timescale())
                .presentationTimeOffset(offsetOrNull(r.presentationTimeOffset()))
                .initialization(UriPaths.encodePath(where + " initializationPath", r.initializationPath()))
                .media(UriPaths.encodeTemplate(where + " mediaTemplate", r.mediaTemplate()))
                .startNumber(r.startNumber())
                .segmentTimeline(SegmentTimelines.of(r.id(), r.segments()));
    }

    private static SegmentBase segmentBase(RepresentationOutput r) {
        return new SegmentBase()
                .timescale(r.timescale())
                .presentationTimeOffset(offsetOrNull(r.presentationTimeOffset()))
                .indexRange(r.indexRange())
                .initialization(new Initialization().range(r.initRange()));
    }

    /** 0 is the schema default, so it is left out. */
    private static Long offsetOrNull(long presentationTimeOffset) {
        return presentationTimeOffset == 0 ? null : presentationTimeOffset;
    }
}
