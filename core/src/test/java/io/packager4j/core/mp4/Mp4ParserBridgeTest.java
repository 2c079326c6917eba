package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import org.junit.jupiter.api.Test;
import org.mp4parser.Box;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.MovieBox;
import org.mp4parser.boxes.iso14496.part12.SampleTableBox;
import org.mp4parser.tools.Path;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static io.packager4j.core.mp4.Mp4Patch.ascii;
import static io.packager4j.core.mp4.Mp4Patch.box;
import static io.packager4j.core.mp4.Mp4Patch.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * mp4parser is given only the boxes the reader reads through it; the others reach it as opaque
 * {@code free} boxes, so that nothing inside them can make it allocate what a child declares.
 * Both cases were found by fuzzing (FUZZING.md): each made mp4parser allocate about 2 GB.
 */
class Mp4ParserBridgeTest {

    /** A box header claiming nearly 2 GB, inside a parent of a few bytes. */
    private static final byte[] HUGE_CHILD = concat(ints(0x7FFFFF00), ascii("acka"));

    @Test
    void boxesTheReaderDoesNotReadReachMp4parserAsFreeBoxes() throws PackagingException {
        byte[] udta = box("udta", box("meta", new byte[4], HUGE_CHILD));
        byte[] sampleEntry = box("avc1", new byte[78], box("moof", HUGE_CHILD));
        byte[] stsd = box("stsd", ints(0, 1), sampleEntry);
        byte[] stsz = box("stsz", ints(0, 0, 0));
        byte[] moov = box("moov", box("mvhd", new byte[100]), udta,
                box("trak", box("mdia", box("minf", box("stbl", stsd, stsz)))));
        byte[] original = moov.clone();
        RawBox tree = BoxTreeParser.parse(moov, 0, new TableEntryGuard("test.mp4", moov.length, ReaderLimits.DEFAULT), ReaderLimits.DEFAULT);

        IsoFile iso = Mp4ParserBridge.parse(moov, tree, "test.mp4: moov");

        MovieBox parsed = iso.getMovieBox();
        assertNotNull(parsed);
        assertEquals(List.of("mvhd", "free", "trak"), types(parsed.getBoxes()));
        SampleTableBox stbl = Path.getPath(parsed, "trak/mdia/minf/stbl");
        assertEquals(List.of("free", "stsz"), types(stbl.getBoxes()));
        assertArrayEquals(original, moov, "the caller's bytes are left as they were");
    }

    private static List<String> types(List<Box> boxes) {
        return boxes.stream().map(Box::getType).toList();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
