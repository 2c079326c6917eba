package io.packager4j.dash.mpd;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serializes an {@link Mpd} as pretty-printed UTF-8 XML with an XML declaration.
 *
 * <p>Thread-safe: the {@link JAXBContext}, costly to build, is created once on first use and shared
 * (it is thread-safe); a {@link Marshaller}, which is not, is created per call.
 */
public final class MpdMarshaller {

    /** No newline: with formatted output the JAXB runtime starts a fragment with one (tests check the result). */
    private static final byte[] XML_DECLARATION =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(StandardCharsets.US_ASCII);

    private MpdMarshaller() {
    }

    /**
     * Writes {@code mpd} to {@code out}, which is flushed but not closed.
     *
     * @throws IOException if writing to {@code out} fails
     * @throws IllegalStateException if the model cannot be serialized (a bug, not an input problem)
     */
    public static void write(Mpd mpd, OutputStream out) throws IOException {
        Marshaller marshaller = newMarshaller();
        // We write the declaration ourselves: the JAXB runtime's own adds standalone="yes", which is
        // noise in a manifest. JAXB_FRAGMENT stops it writing one.
        out.write(XML_DECLARATION);
        try {
            marshaller.marshal(mpd, out);
        } catch (JAXBException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("cannot serialize the MPD: " + e, e);
        }
        // No final newline of ours: the runtime ends formatted output with one.
        out.flush();
    }

    /** The serialized {@code mpd}. */
    public static byte[] toBytes(Mpd mpd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            write(mpd, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to be written", e);
        }
        return out.toByteArray();
    }

    private static Marshaller newMarshaller() {
        try {
            Marshaller m = ContextHolder.CONTEXT.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
            m.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
            return m;
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot configure the MPD marshaller: " + e, e);
        }
    }

    /** Lazy, thread-safe holder: the class initializer runs once, on first use. */
    private static final class ContextHolder {
        static final JAXBContext CONTEXT = create();

        private static JAXBContext create() {
            try {
                return JAXBContext.newInstance(Mpd.class);
            } catch (JAXBException e) {
                throw new IllegalStateException("cannot build the JAXB context of the MPD model: " + e, e);
            }
        }
    }
}
