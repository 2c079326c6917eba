package io.packager4j.platform.content;

import io.packager4j.platform.DataLayout;
import io.packager4j.platform.FileTrees;
import io.packager4j.platform.http.ApiError;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.Jdbc;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Deletes inputs and packages: the row first (in a transaction), then the files, so a crash in
 * between leaves unreferenced files (harmless, never served) rather than a row pointing at nothing.
 */
public final class ContentDeletion {

    private static final Logger LOG = LoggerFactory.getLogger(ContentDeletion.class);

    private final DataSource dataSource;
    private final InputContentStore inputs;
    private final PackagedContentStore packages;
    private final DataLayout layout;

    public ContentDeletion(DataSource dataSource, InputContentStore inputs, PackagedContentStore packages,
                           DataLayout layout) {
        this.dataSource = dataSource;
        this.inputs = inputs;
        this.packages = packages;
        this.layout = layout;
    }

    /** @throws ApiError 404 if unknown, 409 while packages made from it exist */
    public void deleteInput(long id) throws Exception {
        Jdbc.inTransaction(dataSource, c -> {
            long made = packages.countForInput(c, id);
            if (made > 0) {
                throw ApiError.conflict("has_packages", "input content " + id + " has " + made
                        + " package(s); delete them first");
            }
            if (!inputs.delete(c, id)) {
                throw ApiError.notFound("input content", id);
            }
            return null;
        });
        deleteQuietly(() -> Files.deleteIfExists(layout.input(id)), "input " + id);
    }

    /** @throws ApiError 404 if unknown, 409 while its job has not finished */
    public void deletePackage(long id) throws Exception {
        PackagedContent pkg = packages.find(id).orElseThrow(() -> ApiError.notFound("package", id));
        if (!pkg.status().isFinal()) {
            throw ApiError.conflict("packaging", "package " + id + " is still being packaged ("
                    + pkg.status().label() + "); delete it once it is Ready or Failed");
        }
        Jdbc.inTransaction(dataSource, c -> packages.delete(c, id));
        deleteQuietly(() -> FileTrees.delete(layout.published(id)), "package " + id);
        deleteQuietly(() -> FileTrees.delete(layout.work(id)), "work files of package " + id);
    }

    private interface FileWork {
        void run() throws IOException;
    }

    private static void deleteQuietly(FileWork work, String what) {
        try {
            work.run();
        } catch (IOException e) {
            LOG.warn("cannot delete the files of {}: {}", what, e.getMessage());
        }
    }
}
