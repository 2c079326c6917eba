package io.packager4j.platform.content;

import io.packager4j.platform.DataLayout;
import io.packager4j.platform.FileTrees;
import io.packager4j.platform.http.ApiError;
import io.packager4j.platform.storage.Storage;
import io.packager4j.platform.store.InputContent;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.Jdbc;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;

/**
 * Deletes inputs and packages: the row first (in a transaction), then the files or objects, so a
 * crash in between leaves unreferenced files (harmless, never served) rather than a row pointing at
 * nothing. A client's object named in {@code POST /encode} is never deleted.
 */
public final class ContentDeletion {

    private static final Logger LOG = LoggerFactory.getLogger(ContentDeletion.class);

    private final DataSource dataSource;
    private final InputContentStore inputs;
    private final PackagedContentStore packages;
    private final DataLayout layout;
    private final Storage storage;

    public ContentDeletion(DataSource dataSource, InputContentStore inputs, PackagedContentStore packages,
                           DataLayout layout, Storage storage) {
        this.dataSource = dataSource;
        this.inputs = inputs;
        this.packages = packages;
        this.layout = layout;
        this.storage = storage;
    }

    /** @throws ApiError 404 if unknown, 409 while packages made from it exist */
    public void deleteInput(long id) throws Exception {
        InputContent input = inputs.find(id).orElseThrow(() -> ApiError.notFound("input content", id));
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
        deleteQuietly(() -> storage.inputs().delete(input), "input " + id);
    }

    /** @throws ApiError 404 if unknown, 409 while its job has not finished */
    public void deletePackage(long id) throws Exception {
        PackagedContent pkg = packages.find(id).orElseThrow(() -> ApiError.notFound("package", id));
        if (!pkg.status().isFinal()) {
            throw ApiError.conflict("packaging", "package " + id + " is still being packaged ("
                    + pkg.status().label() + "); delete it once it is Ready or Failed");
        }
        Jdbc.inTransaction(dataSource, c -> packages.delete(c, id));
        deleteQuietly(() -> storage.packages().delete(id), "package " + id);
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
