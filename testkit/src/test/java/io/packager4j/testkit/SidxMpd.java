package io.packager4j.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an MPD for an existing fragmented MP4 whose segments each start with a {@code sidx},
 * reading offsets and durations from the file's own top-level boxes, so a test can play a file
 * made by another tool without our packager being involved.
 */
final class SidxMpd {

    private SidxMpd() {
    }

    record Segment(long start, long end, long duration, long timescale) {
    }

    /** One Representation holding all tracks, segments addressed by byte range. */
    static String muxedSegmentListMpd(Path file, String baseUrl, String codecs, String defaultKid) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(b);
        List<Long> sidxOffsets = new ArrayList<>();
        List<long[]> sidxInfo = new ArrayList<>(); // timescale, total duration
        long off = 0;
        while (off + 8 <= b.length) {
            long size = Integer.toUnsignedLong(buf.getInt((int) off));
            String type = new String(b, (int) off + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (size == 1) {
                size = buf.getLong((int) off + 8);
            } else if (size == 0) {
                size = b.length - off;
            }
            if (type.equals("sidx")) {
                int p = (int) off + 8;
                int version = b[p] & 0xff;
                long timescale = Integer.toUnsignedLong(buf.getInt(p + 8));
                p += 12 + (version == 0 ? 8 : 16) + 2;
                int count = buf.getShort(p) & 0xffff;
                p += 2;
                long duration = 0;
                for (int i = 0; i < count; i++) {
                    duration += Integer.toUnsignedLong(buf.getInt(p + 12 * i + 4));
                }
                sidxOffsets.add(off);
                sidxInfo.add(new long[] {timescale, duration});
            }
            off += size;
        }
        if (sidxOffsets.isEmpty()) {
            throw new IllegalArgumentException(file + " has no sidx");
        }
        long timescale = sidxInfo.get(0)[0];
        StringBuilder timeline = new StringBuilder();
        StringBuilder urls = new StringBuilder();
        double total = 0;
        for (int i = 0; i < sidxOffsets.size(); i++) {
            long start = sidxOffsets.get(i);
            long end = (i + 1 < sidxOffsets.size() ? sidxOffsets.get(i + 1) : b.length) - 1;
            long d = sidxInfo.get(i)[1];
            total += (double) d / timescale;
            timeline.append(i == 0 ? "<S t=\"0\" d=\"" : "<S d=\"").append(d).append("\"/>");
            urls.append("          <SegmentURL mediaRange=\"").append(start).append('-').append(end).append("\"/>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:cenc="urn:mpeg:cenc:2013" profiles="urn:mpeg:dash:profile:full:2011"
                     type="static" mediaPresentationDuration="PT%sS" minBufferTime="PT2S">
                  <Period id="0" start="PT0S">
                    <AdaptationSet id="0" contentType="video" mimeType="video/mp4">
                      <ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cenc" cenc:default_KID="%s"/>
                      <ContentProtection schemeIdUri="urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e" value="ClearKey1.0"/>
                      <Representation id="muxed" codecs="%s" bandwidth="500000">
                        <BaseURL>%s</BaseURL>
                        <SegmentList timescale="%d">
                          <Initialization range="0-%d"/>
                          <SegmentTimeline>%s</SegmentTimeline>
                %s        </SegmentList>
                      </Representation>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """.formatted(String.format(java.util.Locale.ROOT, "%.3f", total), defaultKid, codecs, baseUrl, timescale,
                sidxOffsets.get(0) - 1, timeline, urls);
    }
}
