package io.packager4j.core.cmaf;

import io.packager4j.PackagingException;
import io.packager4j.core.media.Rational;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackFormat;
import io.packager4j.core.media.TrackKind;

import java.util.List;

/**
 * Writes a CMAF header (init segment) for one track: {@code ftyp} and a {@code moov} with one
 * {@code trak}, empty sample tables, and {@code mvex} announcing movie fragments.
 */
public final class InitSegmentWriter {

    /** The track ID in every output file: each representation carries exactly one track. */
    public static final int OUTPUT_TRACK_ID = 1;

    private InitSegmentWriter() {
    }

    public static byte[] write(Track track, SampleProtection protection) throws PackagingException {
        TrackFormat f = track.format();
        List<byte[]> sampleEntries = protection == null ? List.of(f.sampleEntry())
                : protection.sampleEntries(f.sampleEntry());
        BoxWriter w = new BoxWriter(1024 + sampleEntries.stream().mapToInt(e -> e.length).sum());

        int ftyp = w.begin("ftyp");
        w.fourCC("iso6").u32(0).fourCC("iso6").fourCC("cmfc").fourCC("dash").fourCC("mp41");
        w.end(ftyp);

        int moov = w.begin("moov");
        int mvhd = w.beginFull("mvhd", 0, 0);
        w.u32(0).u32(0) // creation, modification time
                .u32(1000).u32(0) // timescale, duration (unknown: fragmented)
                .u32(0x00010000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
        matrix(w);
        w.zeros(24).u32(OUTPUT_TRACK_ID + 1); // pre_defined, next_track_ID
        w.end(mvhd);

        int trak = w.begin("trak");
        trackHeader(w, f);
        int mdia = w.begin("mdia");
        int mdhd = w.beginFull("mdhd", 0, 0);
        w.u32(0).u32(0).u32(track.timescale()).u32(0).u16(packLanguage(track.language())).u16(0);
        w.end(mdhd);
        int hdlr = w.beginFull("hdlr", 0, 0);
        boolean video = f.kind() == TrackKind.VIDEO;
        w.u32(0).fourCC(f.kind().handlerType()).zeros(12).cString(video ? "packager4j video" : "packager4j audio");
        w.end(hdlr);
        int minf = w.begin("minf");
        if (video) {
            int vmhd = w.beginFull("vmhd", 0, 1);
            w.zeros(8);
            w.end(vmhd);
        } else {
            int smhd = w.beginFull("smhd", 0, 0);
            w.zeros(4);
            w.end(smhd);
        }
        int dinf = w.begin("dinf");
        int dref = w.beginFull("dref", 0, 0);
        w.u32(1);
        int url = w.beginFull("url ", 0, 1); // flag 1: media in the same file
        w.end(url);
        w.end(dref);
        w.end(dinf);
        int stbl = w.begin("stbl");
        int stsd = w.beginFull("stsd", 0, 0);
        w.u32(sampleEntries.size());
        for (byte[] entry : sampleEntries) {
            w.bytes(entry);
        }
        w.end(stsd);
        for (String empty : new String[] {"stts", "stsc", "stco"}) {
            int box = w.beginFull(empty, 0, 0);
            w.u32(0);
            w.end(box);
        }
        int stsz = w.beginFull("stsz", 0, 0);
        w.u32(0).u32(0);
        w.end(stsz);
        w.end(stbl);
        w.end(minf);
        w.end(mdia);
        w.end(trak);

        int mvex = w.begin("mvex");
        int trex = w.beginFull("trex", 0, 0);
        w.u32(OUTPUT_TRACK_ID).u32(1).u32(0).u32(0).u32(0);
        w.end(trex);
        w.end(mvex);
        if (protection != null) {
            protection.writeInitBoxes(w);
        }
        w.end(moov);
        return w.toByteArray();
    }

    private static void trackHeader(BoxWriter w, TrackFormat f) {
        int tkhd = w.beginFull("tkhd", 0, 0x3); // enabled, in movie
        w.u32(0).u32(0).u32(OUTPUT_TRACK_ID).u32(0).u32(0) // times, track id, reserved, duration
                .zeros(8).u16(0).u16(0) // reserved, layer, alternate group
                .u16(f.kind() == TrackKind.AUDIO ? 0x0100 : 0).u16(0);
        matrix(w);
        if (f.kind() == TrackKind.VIDEO) {
            // tkhd width/height are the display size: the coded size stretched by the sample aspect ratio.
            Rational sar = f.sampleAspectRatio() == null ? Rational.of(1, 1) : f.sampleAspectRatio();
            long displayWidth = Math.round(f.width() * sar.toDouble());
            w.u32(displayWidth << 16).u32((long) f.height() << 16);
        } else {
            w.u32(0).u32(0);
        }
        w.end(tkhd);
    }

    private static void matrix(BoxWriter w) {
        w.u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
    }

    /** ISO 639-2/T code packed as three 5-bit letters (14496-12 8.4.2). */
    static int packLanguage(String language) {
        if (language == null || language.length() != 3) {
            language = "und";
        }
        int packed = 0;
        for (int i = 0; i < 3; i++) {
            char c = language.charAt(i);
            if (c < 'a' || c > 'z') {
                return packLanguage("und");
            }
            packed = (packed << 5) | (c - 0x60);
        }
        return packed;
    }
}
