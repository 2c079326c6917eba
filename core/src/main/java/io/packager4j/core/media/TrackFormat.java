package io.packager4j.core.media;

/**
 * How a track's samples are coded: its codec, the sample entry to put in an init segment, and the
 * properties a manifest describes.
 *
 * @param codec             the codec
 * @param sampleEntryType   the sample entry's four-character code as in the input, e.g. {@code avc1}
 * @param sampleEntry       the complete sample entry box ({@code stsd} entry), copied to the init
 *                          segment unchanged for clear output
 * @param codecs            RFC 6381 codecs string
 * @param width             display width in pixels for video (cropping applied), 0 for audio
 * @param height            display height for video, 0 for audio
 * @param sampleAspectRatio video sample (pixel) aspect ratio, 1:1 when not signalled; null for audio
 * @param channels          audio channel count, 0 for video
 * @param sampleRate        audio sampling rate in Hz, 0 for video
 * @param nalLengthSize     bytes of each NAL unit's length prefix for AVC/HEVC, 0 otherwise
 * @param decoderConfig     payload of the decoder configuration box (avcC, hvcC, esds, dac3, dec3,
 *                          dOps), as in the input
 */
public record TrackFormat(
        Codec codec,
        String sampleEntryType,
        byte[] sampleEntry,
        String codecs,
        int width,
        int height,
        Rational sampleAspectRatio,
        int channels,
        long sampleRate,
        int nalLengthSize,
        byte[] decoderConfig) {

    public TrackKind kind() {
        return codec.kind();
    }
}
