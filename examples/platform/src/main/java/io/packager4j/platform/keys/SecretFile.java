package io.packager4j.platform.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A secret kept in a file of the data directory when none is configured: created once (owner-only
 * where the file system has POSIX permissions, written beside the target and renamed, so a crash
 * never leaves half a secret), then read on every start.
 */
final class SecretFile {

    private SecretFile() {
    }

    /**
     * The file's text, trimmed, after creating it with {@code generate}'s text if it does not exist.
     *
     * @return true in {@code created[0]} when this call created the file
     */
    static String readOrCreate(Path file, Supplier<String> generate, boolean[] created) throws IOException {
        created[0] = false;
        if (!Files.exists(file)) {
            create(file, generate.get());
            created[0] = true;
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    private static void create(Path file, String secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp", ownerOnly);
        byte[] text = (secret + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(text));
                ch.force(true);
            } finally {
                Arrays.fill(text, (byte) 0);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
