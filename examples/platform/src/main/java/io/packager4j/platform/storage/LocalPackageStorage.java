package io.packager4j.platform.storage;

import io.packager4j.platform.FileTrees;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Presentations on local disk, {@code packages/{id}/} (the default): published by one atomic
 * rename of the complete directory. Files are served only from inside the package's real
 * directory: the real path (symbolic links resolved) must still be inside it.
 */
public final class LocalPackageStorage implements PackageStorage {

    private final Path packagesRoot;

    /** @param packagesRoot the directory holding one folder per package, named by its ID */
    public LocalPackageStorage(Path packagesRoot) {
        this.packagesRoot = packagesRoot.toAbsolutePath().normalize();
    }

    public Path published(long packageId) {
        return packagesRoot.resolve(Long.toString(packageId));
    }

    @Override
    public boolean isPublished(long packageId) {
        return Files.isDirectory(published(packageId));
    }

    @Override
    public void publish(long packageId, Path presentation) throws IOException {
        try {
            Files.move(presentation, published(packageId), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot publish " + published(packageId) + " atomically (data directory on a file "
                    + "system without atomic renames?)", e);
        }
    }

    @Override
    public Optional<StoredFile> find(long packageId, String relative) {
        Path file = resolve(packageId, relative);
        if (file == null) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? Optional.of(new LocalFile(file, attrs)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The real file for {@code relative} inside the package, or {@code null} if it is not acceptable. */
    public Path resolve(long packageId, String relative) {
        if (!PackagePaths.isAcceptable(relative)) {
            return null;
        }
        Path packageDir = published(packageId);
        Path file;
        try {
            file = packageDir.resolve(relative).normalize();
        } catch (RuntimeException e) { // InvalidPathException: characters the file system refuses
            return null;
        }
        if (!file.startsWith(packageDir)) {
            return null;
        }
        try {
            // Symbolic links may point anywhere: the resolved file must still be in the resolved package folder.
            Path realDir = packageDir.toRealPath();
            Path realFile = file.toRealPath();
            return realFile.startsWith(realDir) ? realFile : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public long bytes(long packageId) throws IOException {
        return sizeOf(published(packageId));
    }

    /** Bytes of a file or of every file under a directory; 0 if it is gone. */
    public static long sizeOf(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            long total = 0;
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            }
            return total;
        }
    }

    @Override
    public void delete(long packageId) throws IOException {
        FileTrees.delete(published(packageId));
    }

    /** A regular file; its entity tag is its size and modification time. */
    static final class LocalFile implements StoredFile {
        private final Path file;
        private final BasicFileAttributes attrs;

        LocalFile(Path file, BasicFileAttributes attrs) {
            this.file = file;
            this.attrs = attrs;
        }

        @Override
        public long size() {
            return attrs.size();
        }

        @Override
        public Instant lastModified() {
            return attrs.lastModifiedTime().toInstant();
        }

        @Override
        public String etag() {
            return "\"" + Long.toHexString(attrs.size()) + "-" + Long.toHexString(attrs.lastModifiedTime().toMillis()) + "\"";
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                channel.position(start);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }
}
