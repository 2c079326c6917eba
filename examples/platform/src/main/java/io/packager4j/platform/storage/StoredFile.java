package io.packager4j.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/** A published file as {@code /content} and {@code /download} serve it, wherever it is kept. */
public interface StoredFile {

    long size();

    Instant lastModified();

    /** A strong entity tag, in double quotes. */
    String etag();

    /** Bytes {@code [start, start + length)}, {@code length} at least 1, streamed. */
    InputStream open(long start, long length) throws IOException;
}
