package io.packager4j.it;

import io.packager4j.PackagingResult;
import io.packager4j.RepresentationResult;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackKind;
import io.packager4j.testkit.Ffmpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.packager4j.it.BoxPaths.u16;
import static io.packager4j.it.BoxPaths.u32;
import static io.packager4j.it.BoxPaths.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on encrypted representations: ffmpeg as the independent decryptor, and the CENC boxes. */
final class EncryptionChecks {

    static final String CENC_NS = "urn:mpeg:cenc:2013";
    static final String DASHIF_NS = "https://dashif.org/CPS";

    private EncryptionChecks() {
    }

    /** ffmpeg, given the key, reads the source's exact packets (and, for video, decodes the same frames). */
    static void assertDecryptsToSource(PackagingResult result, RepresentationResult r, String keyHex) throws Exception {
        assertDecryptsTo(result, r, keyHex, r.source(), OutputChecks.sourceStreamSpecifier(r));
    }

    /** As {@link #assertDecryptsToSource}, against another file's stream (a reference decryption). */
    static void assertDecryptsTo(PackagingResult result, RepresentationResult r, String keyHex, Path expectedFile,
                                 String expectedStream) throws Exception {
        List<Path> files = OutputChecks.representationFiles(result, r);
        String stream = OutputChecks.outputStreamSpecifier(result, r);
        List<String> expected = Ffmpeg.packetHashes(expectedFile, expectedStream);
        assertFalse(expected.isEmpty());
        assertSameHashes(expected, Ffmpeg.packetHashes(files, stream, keyHex),
                r.id() + ": decrypted samples differ from " + expectedFile.getFileName() + " " + expectedStream);
        if (r.kind() == TrackKind.VIDEO) {
            assertSameHashes(Ffmpeg.decodedFrameHashes(expectedFile, expectedStream),
                    Ffmpeg.decodedFrameHashes(files, stream, keyHex), r.id() + ": decoded frames differ");
        }
    }

    /** Equal hash lists, or a failure that says where they part (the lists are too long to print). */
    static void assertSameHashes(List<String> expected, List<String> actual, String message) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                int found = expected.indexOf(actual.get(i));
                throw new AssertionError(message + ": first difference at " + i + " of " + expected.size()
                        + " expected / " + actual.size() + " actual"
                        + (found >= 0 ? " (the actual item there is expected item " + found + ")" : ""));
            }
        }
        assertEquals(expected.size(), actual.size(), message + ": counts differ");
    }

    /** Without the key the samples are not the source's, and decoding them fails or gives other pictures. */
    static void assertUnreadableWithoutKey(PackagingResult result, RepresentationResult r) throws Exception {
        List<Path> files = OutputChecks.representationFiles(result, r);
        String stream = OutputChecks.outputStreamSpecifier(result, r);
        List<String> source = Ffmpeg.packetHashes(r.source(), OutputChecks.sourceStreamSpecifier(r));
        List<String> raw = Ffmpeg.packetHashes(files, stream, null);
        long same = 0;
        for (int i = 0; i < Math.min(source.size(), raw.size()); i++) {
            same += source.get(i).equals(raw.get(i)) ? 1 : 0;
        }
        // Only samples too small to hold one protected block may stay as they were.
        assertTrue(same <= source.size() / 20, r.id() + ": " + same + " of " + source.size() + " samples unchanged");
        if (r.kind() == TrackKind.VIDEO) {
            // A decoder fed encrypted slices either reports errors or, when the garbage happens to
            // parse (1:9 cbcs leaves 90 % of the bytes clear), produces other pictures.
            Ffmpeg.DecodeOutcome outcome = Ffmpeg.tryDecode(files, stream, null);
            if (outcome.clean()) {
                List<String> expectedFrames = Ffmpeg.decodedFrameHashes(r.source(), OutputChecks.sourceStreamSpecifier(r));
                List<String> frames = Ffmpeg.decodedFrameHashes(files, stream, null);
                long identical = 0;
                for (int i = 0; i < Math.min(frames.size(), expectedFrames.size()); i++) {
                    identical += frames.get(i).equals(expectedFrames.get(i)) ? 1 : 0;
                }
                assertTrue(identical < expectedFrames.size() / 2, r.id() + ": without the key, " + identical + " of "
                        + expectedFrames.size() + " frames decoded as the source's");
            }
        }
    }

    /** The init segment's sinf/tenc/pssh and every segment's senc/saiz/saio are as CENC requires. */
    static void assertProtectionBoxes(PackagingResult result, RepresentationResult r, ProtectionScheme scheme,
                                      String kidHex) throws Exception {
        List<Path> files = OutputChecks.representationFiles(result, r);
        byte[] first = Files.readAllBytes(files.get(0));
        boolean video = r.kind() == TrackKind.VIDEO;
        String stsd = "moov/trak/mdia/minf/stbl/stsd/" + (video ? "encv" : "enca");
        assertEquals(1, BoxPaths.find(first, stsd).size(), r.id() + ": protected sample entry");
        BoxPaths.Box frma = BoxPaths.find(first, stsd + "/sinf/frma").get(0);
        String original = new String(first, frma.payloadOffset(), 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(video ? original.startsWith("avc") || original.startsWith("hvc") || original.startsWith("hev")
                : original.equals("mp4a"), "frma " + original);
        BoxPaths.Box schm = BoxPaths.find(first, stsd + "/sinf/schm").get(0);
        assertEquals(scheme.fourCC(), new String(first, schm.payloadOffset() + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        BoxPaths.Box tenc = BoxPaths.find(first, stsd + "/sinf/schi/tenc").get(0);
        int p = tenc.payloadOffset();
        boolean cbcs = scheme == ProtectionScheme.CBCS;
        assertEquals(cbcs ? 1 : 0, u8(first, p), "tenc version");
        assertEquals(cbcs && video ? 0x19 : 0, u8(first, p + 5), "tenc pattern (crypt:skip 1:9 on cbcs video)");
        assertEquals(1, u8(first, p + 6), "default_isProtected");
        int ivSize = u8(first, p + 7);
        assertEquals(kidHex, hex(Arrays.copyOfRange(first, p + 8, p + 24)), "default_KID");
        if (cbcs) {
            assertEquals(0, ivSize, "cbcs uses a constant IV");
            assertEquals(16, u8(first, p + 24), "constant IV size");
        } else {
            assertTrue(ivSize == 8 || ivSize == 16, "IV size " + ivSize);
        }
        assertFalse(BoxPaths.find(first, "moov/pssh").isEmpty(), "pssh in the init segment");

        List<byte[]> fragments = new ArrayList<>();
        if (files.size() == 1) {
            fragments.add(first); // on-demand: the moofs follow in the same file
        } else {
            for (Path f : files.subList(1, files.size())) {
                fragments.add(Files.readAllBytes(f));
            }
        }
        int fragmentCount = 0;
        int trackId = OutputChecks.trackIdInFile(result, r);
        for (byte[] seg : fragments) {
            for (BoxPaths.Box moof : BoxPaths.find(seg, "moof")) {
                if (trackId > 0 && fragmentTrackId(seg, moof) != trackId) {
                    continue; // another track's fragment in a fragmented MP4 holding every track
                }
                fragmentCount++;
                checkFragment(r.id(), seg, moof, scheme, video, ivSize);
            }
        }
        assertEquals(r.segmentCount(), fragmentCount, r.id() + ": one encrypted fragment per segment");
    }

    /** The track_ID of a fragment's (first) traf. */
    static long fragmentTrackId(byte[] seg, BoxPaths.Box moof) {
        BoxPaths.Box traf = BoxPaths.children(seg, moof.payloadOffset(), moof.end()).stream()
                .filter(b -> b.type().equals("traf")).findFirst().orElseThrow(() -> new AssertionError("moof without traf"));
        BoxPaths.Box tfhd = BoxPaths.children(seg, traf.payloadOffset(), traf.end()).get(0);
        assertEquals("tfhd", tfhd.type(), "the traf starts with its tfhd");
        return u32(seg, tfhd.payloadOffset() + 4);
    }

    private static void checkFragment(String id, byte[] seg, BoxPaths.Box moof, ProtectionScheme scheme, boolean video,
                                      int ivSize) {
        List<BoxPaths.Box> trafChildren = BoxPaths.children(seg, moof.payloadOffset(), moof.end()).stream()
                .filter(b -> b.type().equals("traf"))
                .flatMap(t -> BoxPaths.children(seg, t.payloadOffset(), t.end()).stream()).toList();
        BoxPaths.Box trun = only(trafChildren, "trun");
        BoxPaths.Box senc = only(trafChildren, "senc");
        int[] sizes = trunSampleSizes(seg, trun);
        int flags = (int) (u32(seg, senc.payloadOffset()) & 0xFFFFFF);
        assertEquals(sizes.length, u32(seg, senc.payloadOffset() + 4), id + ": senc sample_count");
        boolean subsamples = (flags & 2) != 0;
        assertEquals(video, subsamples, id + ": subsample encryption exactly for video");
        int pos = senc.payloadOffset() + 8;
        int entriesStart = pos;
        int[] entrySizes = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int start = pos;
            pos += ivSize;
            if (subsamples) {
                int n = u16(seg, pos);
                pos += 2;
                long total = 0;
                for (int j = 0; j < n; j++) {
                    int clear = u16(seg, pos);
                    long prot = u32(seg, pos + 2);
                    pos += 6;
                    total += clear + prot;
                    if (scheme == ProtectionScheme.CENC) {
                        assertEquals(0, prot % 16, id + ": cenc protects whole 16-byte blocks");
                    }
                }
                assertEquals(sizes[i], total, id + ": sample " + i + "'s subsamples cover the sample");
            }
            entrySizes[i] = pos - start;
        }
        assertEquals(senc.end(), pos, id + ": senc entries fill the box");
        List<BoxPaths.Box> saiz = trafChildren.stream().filter(b -> b.type().equals("saiz")).toList();
        List<BoxPaths.Box> saio = trafChildren.stream().filter(b -> b.type().equals("saio")).toList();
        if (pos == entriesStart) {
            return; // cbcs audio: nothing per sample, so no saiz/saio (as Shaka Packager writes)
        }
        assertEquals(1, saiz.size(), id + ": saiz");
        assertEquals(1, saio.size(), id + ": saio");
        int z = saiz.get(0).payloadOffset() + 4;
        int defaultSize = u8(seg, z);
        assertEquals(sizes.length, u32(seg, z + 1), id + ": saiz sample_count");
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(entrySizes[i], defaultSize != 0 ? defaultSize : u8(seg, z + 5 + i), id + ": saiz size " + i);
        }
        int o = saio.get(0).payloadOffset() + 4;
        assertEquals(1, u32(seg, o), id + ": saio entry_count");
        assertEquals(entriesStart, moof.offset() + u32(seg, o + 4), id + ": saio points at the first senc entry");
    }

    /** Every sample's IV from the senc boxes of a representation. */
    static List<byte[]> sencIvs(PackagingResult result, RepresentationResult r, int ivSize) throws Exception {
        List<byte[]> ivs = new ArrayList<>();
        List<Path> files = OutputChecks.representationFiles(result, r);
        for (Path f : files.subList(1, files.size())) {
            byte[] seg = Files.readAllBytes(f);
            for (BoxPaths.Box senc : BoxPaths.find(seg, "moof/traf/senc")) {
                boolean subsamples = (u32(seg, senc.payloadOffset()) & 2) != 0;
                long count = u32(seg, senc.payloadOffset() + 4);
                int pos = senc.payloadOffset() + 8;
                for (int i = 0; i < count; i++) {
                    ivs.add(Arrays.copyOfRange(seg, pos, pos + ivSize));
                    pos += ivSize;
                    if (subsamples) {
                        pos += 2 + 6 * u16(seg, pos);
                    }
                }
            }
        }
        return ivs;
    }

    private static int[] trunSampleSizes(byte[] seg, BoxPaths.Box trun) {
        int p = trun.payloadOffset();
        int flags = (int) (u32(seg, p) & 0xFFFFFF);
        int count = (int) u32(seg, p + 4);
        p += 8;
        if ((flags & 0x1) != 0) {
            p += 4;
        }
        if ((flags & 0x4) != 0) {
            p += 4;
        }
        assertNotEquals(0, flags & 0x200, "our trun carries sample sizes");
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            if ((flags & 0x100) != 0) {
                p += 4;
            }
            sizes[i] = (int) u32(seg, p);
            p += 4;
            if ((flags & 0x400) != 0) {
                p += 4;
            }
            if ((flags & 0x800) != 0) {
                p += 4;
            }
        }
        return sizes;
    }

    private static BoxPaths.Box only(List<BoxPaths.Box> boxes, String type) {
        List<BoxPaths.Box> found = boxes.stream().filter(b -> b.type().equals(type)).toList();
        assertEquals(1, found.size(), "exactly one " + type + " in the traf");
        return found.get(0);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
