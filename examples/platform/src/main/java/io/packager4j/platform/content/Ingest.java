package io.packager4j.platform.content;

import io.packager4j.MediaInfo;
import io.packager4j.TrackInfo;
import io.packager4j.platform.DataLayout;
import io.packager4j.platform.http.ApiError;
import io.packager4j.platform.storage.InputStorage;
import io.packager4j.platform.store.InputContent;
import io.packager4j.platform.store.InputContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Takes an upload in: streams it to a temporary file under the size limit, probes it with the
 * library (reader limits and a timeout, see {@link UploadProbe}), and only if it can be packaged keeps it
 * ({@link InputStorage#keep}: on local disk, row inserted and file moved into place in one
 * transaction; with S3, the object stored, then the row committed). Whatever fails, nothing is left
 * behind: no row, no file, no object.
 */
public final class Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    private static final int COPY_BUFFER = 64 * 1024;

    private final InputContentStore inputs;
    private final DataLayout layout;
    private final InputStorage storage;
    private final long maxBytes;
    private final UploadProbe probe;

    /** @param layout for the spool folder ({@code uploads/}), which is local disk whatever the storage */
    public Ingest(InputContentStore inputs, DataLayout layout, InputStorage storage, long maxBytes, UploadProbe probe) {
        this.inputs = inputs;
        this.layout = layout;
        this.storage = storage;
        this.maxBytes = maxBytes;
        this.probe = probe;
    }

    /**
     * @param fileName the client's name for the file (checked by {@link UploadNames}, display only)
     * @param content  the bytes, read once
     * @throws ApiError 400 for a bad name or empty file, 413 over the limit, 422 if it cannot be packaged
     */
    public InputContent ingest(String fileName, InputStream content) throws IOException {
        String name = UploadNames.check(fileName);
        Path temp = Files.createTempFile(layout.uploads(), "upload-", ".part");
        try {
            long size = copyLimited(content, temp);
            if (size == 0) {
                throw ApiError.badRequest("empty_file", "the uploaded file \"" + name + "\" is empty");
            }
            MediaInfo info = probe.probe(name, temp);
            InputContent kept = keep(name, size, info, temp);
            LOG.info("ingested input {} ({} bytes, {} s): {}", kept.id(), size, kept.durationSeconds(), kept.tracks());
            return kept;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private long copyLimited(InputStream in, Path target) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    static ApiError tooLarge(long maxBytes) {
        return new ApiError(413, "too_large", "the upload is larger than the limit of " + maxBytes + " bytes");
    }

    private InputContent keep(String name, long size, MediaInfo info, Path temp) throws IOException {
        return storage.keep(temp, (c, objectKey) ->
                inputs.insert(c, name, size, info.durationSeconds(), describe(info), objectKey));
    }

    /** The one-line track description recorded on an input. */
    public static String describe(MediaInfo info) {
        return info.tracks().stream().map(Ingest::describe).collect(Collectors.joining(", "));
    }

    private static String describe(TrackInfo t) {
        String kind = t.kind().name().toLowerCase(java.util.Locale.ROOT);
        return t.width() > 0 ? kind + " " + t.codecs() + " " + t.width() + "x" + t.height() : kind + " " + t.codecs();
    }
}
