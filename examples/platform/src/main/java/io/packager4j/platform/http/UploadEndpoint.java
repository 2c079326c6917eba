package io.packager4j.platform.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.packager4j.platform.content.Ingest;
import io.packager4j.platform.store.InputContent;

import java.io.InputStream;

/**
 * Receives {@code multipart/form-data} uploads (field {@code file}). Jetty spools the part to disk
 * as it arrives (never whole in memory) and enforces the size limit while reading; a declared
 * Content-Length over the limit is refused before a byte is read.
 */
public final class UploadEndpoint {

    /** Room for the multipart framing and other fields around the file itself. */
    public static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final Ingest ingest;
    private final long maxBytes;

    public UploadEndpoint(Ingest ingest, long maxBytes) {
        this.ingest = ingest;
        this.maxBytes = maxBytes;
    }

    InputContent receive(Context ctx) throws Exception {
        long declared = ctx.contentLength();
        if (declared > maxBytes + MULTIPART_OVERHEAD) {
            throw tooLarge();
        }
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiError.badRequest("not_multipart", "send the file as multipart/form-data in the field \"file\"");
        }
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (IllegalStateException e) {
            // Jetty's multipart parser signals its size limits this way.
            if (String.valueOf(e.getMessage()).contains("exceeds")) {
                throw tooLarge();
            }
            throw ApiError.badRequest("bad_multipart", "the multipart body cannot be read: " + e.getMessage());
        }
        if (file == null) {
            throw ApiError.badRequest("no_file", "the multipart field \"file\" is missing");
        }
        try (InputStream in = file.content()) {
            return ingest.ingest(file.filename(), in);
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "too_large", "the upload is larger than the limit of " + maxBytes + " bytes");
    }
}
