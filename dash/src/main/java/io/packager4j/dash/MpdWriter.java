package io.packager4j.dash;

import io.packager4j.core.output.PresentationOutput;
import io.packager4j.dash.mpd.Mpd;
import io.packager4j.dash.mpd.MpdMarshaller;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the MPEG-DASH manifest (MPD) of a packaged presentation.
 *
 * <p>The MPD is static with one period starting at 0. Video representations form one adaptation
 * set; audio representations one set per language and codec family; each WebVTT subtitle track
 * a {@code text/vtt} set whose one representation is the whole file. The live profile addresses
 * segments with a SegmentTemplate and a SegmentTimeline per representation, the on-demand profile
 * with a BaseURL and a SegmentBase. The result validates against the ISO/IEC 23009-1 schema.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class MpdWriter {

    /** A writer. */
    public MpdWriter() {
    }

    /**
     * Writes the MPD of {@code presentation} to {@code out} as UTF-8 XML; {@code out} is flushed,
     * not closed.
     *
     * @throws IllegalArgumentException if the presentation cannot be described by a valid MPD, for
     *     example a representation id with characters other than {@code [A-Za-z0-9_.-]}, a repeated
     *     id, overlapping segments or a missing path; nothing is written then
     * @throws IOException if writing to {@code out} fails
     */
    public void write(PresentationOutput presentation, OutputStream out) throws IOException {
        // Map first: a mapping error must not leave half a manifest in the stream.
        MpdMarshaller.write(toMpd(presentation), out);
    }

    /**
     * The MPD of {@code presentation} as UTF-8 XML.
     *
     * @throws IllegalArgumentException as {@link #write}
     */
    public byte[] toBytes(PresentationOutput presentation) {
        return MpdMarshaller.toBytes(toMpd(presentation));
    }

    /**
     * The MPD model of {@code presentation}, for callers that add elements (ContentProtection,
     * ProgramInformation...) before writing it with {@link MpdMarshaller}.
     *
     * @throws IllegalArgumentException as {@link #write}
     */
    public Mpd toMpd(PresentationOutput presentation) {
        return MpdMapper.map(presentation);
    }
}
