package io.packager4j.platform.storage;

import io.packager4j.platform.DataLayout;
import io.packager4j.platform.store.InputContent;
import io.packager4j.platform.store.Jdbc;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Inputs on local disk, {@code inputs/{id}.mp4} in the data directory (the default). */
public final class LocalInputStorage implements InputStorage {

    private final DataSource dataSource;
    private final DataLayout layout;

    public LocalInputStorage(DataSource dataSource, DataLayout layout) {
        this.dataSource = dataSource;
        this.layout = layout;
    }

    @Override
    public InputContent keep(Path upload, RowInsert insert) throws IOException {
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                InputContent row = insert.insert(c, null);
                // Inside the transaction: if the move fails, the row is rolled back with it.
                Files.move(upload, layout.input(row.id()), StandardCopyOption.ATOMIC_MOVE);
                return row;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot record the upload: " + e.getMessage(), e);
        }
    }

    @Override
    public Path localCopy(InputContent input, Path workDir) throws MissingInputException {
        Path file = layout.input(input.id());
        if (!Files.isRegularFile(file)) {
            throw new MissingInputException("the input content " + input.id() + " is no longer stored");
        }
        return file;
    }

    @Override
    public void delete(InputContent input) throws IOException {
        Files.deleteIfExists(layout.input(input.id()));
    }
}
