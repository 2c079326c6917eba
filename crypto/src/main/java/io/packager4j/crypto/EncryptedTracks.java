package io.packager4j.crypto;

import io.packager4j.core.media.TrackKind;

/** Which tracks of a presentation are encrypted. */
public enum EncryptedTracks {
    /** Video and audio. */
    ALL,
    /** Video only: the sound stays audible without a key, as some services want. */
    VIDEO,
    /** Audio only. */
    AUDIO;

    /** Whether tracks of {@code kind} are encrypted under this choice. */
    public boolean includes(TrackKind kind) {
        return this == ALL || (this == VIDEO) == (kind == TrackKind.VIDEO);
    }
}
