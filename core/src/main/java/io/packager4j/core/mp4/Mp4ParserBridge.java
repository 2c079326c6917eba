package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import org.mp4parser.IsoFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;

/**
 * Hands mp4parser the bytes of one metadata box that {@link BoxTreeParser} has already checked.
 *
 * <p>mp4parser is only ever given metadata ({@code moov}, {@code moof}); media is read by our own
 * positional reads, because mp4parser copies an {@code mdat} it parses to a temporary file.
 */
final class Mp4ParserBridge {

    private Mp4ParserBridge() {
    }

    static IsoFile parse(byte[] box, String where) throws PackagingException {
        try {
            return new IsoFile(Channels.newChannel(new ByteArrayInputStream(box)));
        } catch (IOException | RuntimeException e) {
            throw new PackagingException(where + ": cannot parse: " + describe(e), e);
        }
    }

    /** A cause for messages: mp4parser's exceptions often carry no message of their own. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }
}
