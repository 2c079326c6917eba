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
     * Boxes that mp4parser reads as containers of further boxes but {@link BoxTreeParser} does not
     * look into, because the reader needs nothing from them (user data, metadata, track references,
     * data references, QuickTime extras). mp4parser allocates whatever size their children declare,
     * so a corrupt child of a {@code udta/meta} could exhaust the heap (found by fuzzing). They are
     * handed to mp4parser renamed to {@code free}, whose size {@link BoxTreeParser} has checked.
     */
    private static final Set<String> UNCHECKED_CONTAINERS = Set.of(
            "udta", "meta", "ilst", "ipro", "tref", "dref", "gmhd", "tapt", "rmra", "rmda");

    private static final byte[] FREE = "free".getBytes(StandardCharsets.ISO_8859_1);

    private Mp4ParserBridge() {
    }

    /**
     * Parses the box that {@code tree} (built by {@link BoxTreeParser} over {@code box}) describes,
     * with the boxes we do not read made opaque first. {@code box} itself is left unchanged.
     */
    static IsoFile parse(byte[] box, RawBox tree, String where) throws PackagingException {
        byte[] forParser = box;
        for (RawBox unread : unchecked(tree, new ArrayList<>())) {
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

    private static List<RawBox> unchecked(RawBox box, List<RawBox> found) {
        for (RawBox child : box.children()) {
            if (UNCHECKED_CONTAINERS.contains(child.type())) {
                found.add(child);
            } else {
                unchecked(child, found);
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
