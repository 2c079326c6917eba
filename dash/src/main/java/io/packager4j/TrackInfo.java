package io.packager4j;

import io.packager4j.core.media.TrackKind;

/**
 * One audio or video track as {@link MediaProbe} describes it.
 *
 * @param trackId         the track ID in the file ({@code tkhd})
 * @param kind            video or audio
 * @param codecs          RFC 6381 codecs string, as the manifest would write it (e.g. {@code avc1.64000d})
 * @param width           display width in pixels for video (cropping applied), 0 for audio
 * @param height          display height in pixels for video, 0 for audio
 * @param sampleRate      sampling rate in Hz for audio, 0 for video
 * @param channels        channel count for audio, 0 for video
 * @param language        ISO 639-2/T language code, "und" when the file does not say
 * @param durationSeconds presentation duration, edit list applied
 * @param sampleCount     number of samples (video frames, audio frames)
 * @param encrypted       whether the samples are encrypted ({@code cenc} or {@code cbcs})
 */
public record TrackInfo(int trackId, TrackKind kind, String codecs, int width, int height, long sampleRate,
                        int channels, String language, double durationSeconds, int sampleCount, boolean encrypted) {
}
