package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import org.mp4parser.IsoFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hands mp4parser the bytes of one metadata box that {@link BoxTreeParser} has already checked.
 *
 * <p>mp4parser is only ever given metadata ({@code moov}, {@code moof}); media is read by our own
 * positional reads, because mp4parser copies an {@code mdat} it parses to a temporary file.
 */
final class Mp4ParserBridge {

    /**
     * The boxes the reader reads through mp4parser (the containers that lead to them included).
     * Every other box is handed to mp4parser renamed to {@code free}, which it skips by the size
     * that {@link BoxTreeParser} has checked against the parent. mp4parser parses many boxes as
     * containers that {@link BoxTreeParser} does not look into (user data, metadata, sample
     * entries and, wherever they appear, sample entry or fragment types), and allocates whatever
     * size their children declare: fuzzing found a child of {@code udta/meta}, and a {@code moof}
     * inside a sample entry, each declaring gigabytes (OutOfMemoryError). Sample entries are read
     * by {@link SampleEntryParser} from the raw bytes, so mp4parser never needs {@code stsd}.
     */
    private static final Set<String> READ_THROUGH_MP4PARSER = Set.of(
            "moov", "mvhd", "trak", "tkhd", "edts", "elst", "mdia", "mdhd", "hdlr", "minf", "stbl",
            "stts", "ctts", "stss", "stsz", "stsc", "stco", "co64", "mvex", "trex",
            "moof", "mfhd", "traf", "tfhd", "tfdt", "trun");

    private static final byte[] FREE = "free".getBytes(StandardCharsets.ISO_8859_1);

    private Mp4ParserBridge() {
    }

    /**
     * Parses the box that {@code tree} (built by {@link BoxTreeParser} over {@code box}) describes,
     * with the boxes we do not read made opaque first. {@code box} itself is left unchanged.
     */
    static IsoFile parse(byte[] box, RawBox tree, String where) throws PackagingException {
        byte[] forParser = box;
        for (RawBox unread : unread(tree, new ArrayList<>())) {
            if (forParser == box) {
                forParser = box.clone();
            }
            System.arraycopy(FREE, 0, forParser, unread.start() + 4, FREE.length);
        }
        try {
            return new IsoFile(Channels.newChannel(new ByteArrayInputStream(forParser)));
        } catch (IOException | RuntimeException e) {
            throw new PackagingException(where + ": cannot parse: " + describe(e), e);
        }
    }

    /** The boxes under {@code box} that mp4parser is not to parse, outermost only. */
    private static List<RawBox> unread(RawBox box, List<RawBox> found) {
        for (RawBox child : box.children()) {
            if (READ_THROUGH_MP4PARSER.contains(child.type())) {
                unread(child, found);
            } else {
                found.add(child);
            }
        }
        return found;
    }

    /** A cause for messages: mp4parser's exceptions often carry no message of their own. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }
}
