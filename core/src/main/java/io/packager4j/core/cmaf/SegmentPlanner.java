package io.packager4j.core.cmaf;

import io.packager4j.PackagingException;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses segment boundaries for every track of a presentation so that all video renditions cut
 * at the same presentation times, each segment starts with a sync sample, and audio cuts as close
 * to the video cuts as its frames allow.
 *
 * <p>The first video track is the reference. It is cut at the first sync sample at or after each
 * multiple of the target duration (a grid, so segment lengths average the target instead of
 * drifting). Every other video track must have a sync sample at each of those times, within half a
 * frame; otherwise the renditions cannot switch cleanly and, under {@link KeyframeAlignment#STRICT},
 * packaging is refused with the time and rendition named.
 */
public final class SegmentPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentPlanner.class);

    private SegmentPlanner() {
    }

    /** A boundary time as a fraction of a second: ticks / timescale. */
    private record Time(long ticks, long timescale) {
        double seconds() {
            return ticks / (double) timescale;
        }

        /** This time in another timescale, rounded to the nearest tick. */
        long in(long otherTimescale) {
            return Math.round(ticks * (double) otherTimescale / timescale);
        }
    }

    public static Map<Track, SegmentPlan> plan(List<Track> tracks, Map<Track, TrackTimeline> timelines,
                                               double targetSeconds, KeyframeAlignment alignment)
            throws PackagingException {
        if (!(targetSeconds > 0)) {
            throw new PackagingException("segment duration must be positive, not " + targetSeconds);
        }
        Map<Track, SegmentPlan> plans = new LinkedHashMap<>();
        Track reference = tracks.stream().filter(t -> t.kind() == TrackKind.VIDEO).findFirst().orElse(null);
        List<Time> cuts = null;
        if (reference != null) {
            int[] bounds = gridCuts(reference, timelines.get(reference), targetSeconds);
            plans.put(reference, new SegmentPlan(bounds));
            cuts = new ArrayList<>();
            TrackTimeline tl = timelines.get(reference);
            for (int k = 0; k < bounds.length - 1; k++) {
                cuts.add(new Time(tl.presentationTicks(bounds[k]), tl.timescale()));
            }
        }
        for (Track t : tracks) {
            if (t == reference) {
                continue;
            }
            TrackTimeline tl = timelines.get(t);
            if (cuts == null) {
                plans.put(t, new SegmentPlan(gridCuts(t, tl, targetSeconds)));
            } else if (t.kind() == TrackKind.VIDEO) {
                plans.put(t, alignVideo(t, tl, cuts, reference, alignment, targetSeconds));
            } else {
                plans.put(t, new SegmentPlan(alignAudio(t, tl, cuts)));
            }
        }
        for (Map.Entry<Track, SegmentPlan> e : plans.entrySet()) {
            checkSegmentTimes(e.getKey(), timelines.get(e.getKey()), e.getValue());
        }
        return plans;
    }

    /**
     * Each segment starts (at its earliest presentation) at or after time 0 of the output timeline
     * and after the previous segment's start, as the manifests need: a timeline cannot go back in
     * time. Only corrupt timing fails here (found by fuzzing: a ctts offset read as about -2^31;
     * composition offsets that present a segment's frames before the previous segment's), so the
     * message names the sample and its times rather than leaving the manifest writer to fail.
     */
    private static void checkSegmentTimes(Track track, TrackTimeline tl, SegmentPlan plan)
            throws PackagingException {
        long previousStart = -1;
        for (int k = 0; k < plan.segmentCount(); k++) {
            int earliest = plan.start(k);
            for (int i = plan.start(k) + 1; i < plan.end(k); i++) {
                if (tl.mediaTime(i) < tl.mediaTime(earliest)) {
                    earliest = i;
                }
            }
            long start = tl.mediaTime(earliest);
            if (start < 0 || start <= previousStart) {
                SampleTable s = track.samples();
                throw new PackagingException(track.describe() + ": sample " + (earliest + 1) + " would be presented at "
                        + start + " ticks, " + (start < 0 ? "before the start of the timeline"
                        : "no later than the segment before it (which starts at " + previousStart + ")")
                        + " (decode time " + s.decodeTime(earliest) + ", composition offset "
                        + s.compositionOffset(earliest) + "): its composition offsets or edit list are corrupt");
            }
            previousStart = start;
        }
    }

    /** Cuts a track at the first sync sample at or after each multiple of the target. */
    static int[] gridCuts(Track track, TrackTimeline tl, double targetSeconds) throws PackagingException {
        SampleTable s = track.samples();
        int first = firstSync(track);
        long target = Math.max(1, Math.round(targetSeconds * tl.timescale()));
        long tolerance = typicalDuration(s) / 2;
        long origin = tl.presentationTicks(first);
        List<Integer> bounds = new ArrayList<>();
        bounds.add(first);
        long next = origin + target;
        for (int i = first + 1; i < s.count(); i++) {
            if (s.isSync(i) && tl.presentationTicks(i) >= next - tolerance) {
                bounds.add(i);
                long elapsed = tl.presentationTicks(i) - origin;
                next = origin + (elapsed / target + 1) * target;
            }
        }
        bounds.add(s.count());
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    private static SegmentPlan alignVideo(Track t, TrackTimeline tl, List<Time> cuts, Track reference,
                                          KeyframeAlignment alignment, double targetSeconds) throws PackagingException {
        SampleTable s = t.samples();
        long tolerance = Math.max(1, typicalDuration(s) / 2);
        int[] bounds = new int[cuts.size() + 1];
        int search = 0;
        for (int k = 0; k < cuts.size(); k++) {
            long want = cuts.get(k).in(tl.timescale());
            int found = -1;
            int nearest = -1;
            for (int i = search; i < s.count(); i++) {
                if (!s.isSync(i)) {
                    continue;
                }
                long pt = tl.presentationTicks(i);
                if (nearest < 0 || Math.abs(pt - want) < Math.abs(tl.presentationTicks(nearest) - want)) {
                    nearest = i;
                }
                if (Math.abs(pt - want) <= tolerance) {
                    found = i;
                    break;
                }
                if (pt > want + tolerance) {
                    break;
                }
            }
            if (found < 0) {
                String nearestText = nearest < 0 ? "none after it"
                        : String.format(java.util.Locale.ROOT, "nearest at %.3f s", tl.presentationTicks(nearest) / (double) tl.timescale());
                String message = String.format(java.util.Locale.ROOT,
                        "video renditions are not keyframe-aligned: %s has no keyframe at %.3f s, where %s starts segment %d (%s); "
                                + "encode the renditions with aligned GOPs, or allow misalignment to segment them separately",
                        t.describe(), cuts.get(k).seconds(), reference.describe(), k + 1, nearestText);
                if (alignment == KeyframeAlignment.STRICT) {
                    throw new PackagingException(message);
                }
                LOG.warn("{}", message);
                return new SegmentPlan(gridCuts(t, tl, targetSeconds));
            }
            bounds[k] = found;
            search = found + 1;
        }
        bounds[cuts.size()] = s.count();
        if (bounds[0] != firstSync(t)) {
            LOG.warn("{}: samples before {} s are not packaged (the reference rendition starts there)",
                    t.describe(), cuts.get(0).seconds());
        }
        return new SegmentPlan(bounds);
    }

    /** Cuts audio at the first frame presented at or after each video cut (less half a frame). */
    private static int[] alignAudio(Track t, TrackTimeline tl, List<Time> cuts) {
        SampleTable s = t.samples();
        long half = typicalDuration(s) / 2;
        List<Integer> bounds = new ArrayList<>();
        bounds.add(0);
        int i = 0;
        for (int k = 1; k < cuts.size(); k++) {
            long want = cuts.get(k).in(tl.timescale()) - half;
            while (i < s.count() && tl.presentationTicks(i) < want) {
                i++;
            }
            if (i >= s.count()) {
                break;
            }
            if (i > bounds.get(bounds.size() - 1)) {
                bounds.add(i);
            }
        }
        bounds.add(s.count());
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int firstSync(Track track) throws PackagingException {
        SampleTable s = track.samples();
        for (int i = 0; i < s.count(); i++) {
            if (s.isSync(i)) {
                if (i > 0) {
                    LOG.warn("{}: {} samples before the first sync sample cannot be decoded and are not packaged",
                            track.describe(), i);
                }
                return i;
            }
        }
        throw new PackagingException(track.describe() + ": no sync sample (keyframe) at all, so no segment can start");
    }

    private static long typicalDuration(SampleTable s) {
        return s.count() == 0 ? 0 : Math.max(1, s.endDecodeTime() - s.decodeTime(0)) / s.count();
    }
}
