package io.packager4j.core.media;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The codecs packager4j packages, keyed by the sample entry four-character code. */
public enum Codec {
    AVC(TrackKind.VIDEO, true, "avc1", "avc3"),
    HEVC(TrackKind.VIDEO, true, "hvc1", "hev1"),
    AAC(TrackKind.AUDIO, false, "mp4a"),
    AC3(TrackKind.AUDIO, false, "ac-3"),
    EAC3(TrackKind.AUDIO, false, "ec-3"),
    OPUS(TrackKind.AUDIO, false, "Opus");

    private final TrackKind kind;
    private final boolean nalStructured;
    private final String[] sampleEntryTypes;

    Codec(TrackKind kind, boolean nalStructured, String... sampleEntryTypes) {
        this.kind = kind;
        this.nalStructured = nalStructured;
        this.sampleEntryTypes = sampleEntryTypes;
    }

    public TrackKind kind() {
        return kind;
    }

    /** True for codecs whose samples are length-prefixed NAL units (AVC, HEVC). */
    public boolean isNalStructured() {
        return nalStructured;
    }

    /** Finds the codec for a sample entry type such as {@code avc1} or {@code mp4a}. */
    public static Optional<Codec> forSampleEntryType(String type) {
        for (Codec codec : values()) {
            for (String t : codec.sampleEntryTypes) {
                if (t.equals(type)) {
                    return Optional.of(codec);
                }
            }
        }
        return Optional.empty();
    }

    /** The supported sample entry types, for error messages. */
    public static String supportedSampleEntryTypes() {
        return Arrays.stream(values())
                .flatMap(c -> Arrays.stream(c.sampleEntryTypes))
                .collect(Collectors.joining(", "));
    }
}
