package io.packager4j.core.packaging;

import io.packager4j.PackagingException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntSupplier;

/**
 * Appends one media segment file to a multi-track file: its {@code styp} is dropped (a segment
 * type means nothing inside one file), each {@code moof} is loaded, given the track's ID ({@code
 * tfhd}) and the file's next sequence number ({@code mfhd}), and written; everything else, above all
 * the {@code mdat}, is copied file to file without passing through the heap.
 *
 * <p>Nothing else needs to change: {@code trun} data offsets and {@code saio} offsets count from
 * the start of their {@code moof} (the segments use default-base-is-moof), and the {@code moof} and
 * the {@code mdat} after it stay adjacent, so every offset remains valid.
 */
final class FragmentCopier {

    /** Larger than any moof we write (a few bytes a sample), small enough to refuse a damaged file. */
    private static final long MAX_MOOF_BYTES = 64L << 20;

    private final ByteBuffer header = ByteBuffer.allocate(16);

    /**
     * @param trackId         the track's ID in the output file
     * @param sequenceNumbers gives the next {@code mfhd} sequence number of the output file
     * @return bytes written
     */
    long copy(Path segment, int trackId, IntSupplier sequenceNumbers, FileChannel out)
            throws PackagingException, IOException {
        String where = segment.toString();
        long written = 0;
        try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = in.size();
            long pos = 0;
            while (pos < size) {
                BoxSpan box = readHeader(in, pos, size, where);
                switch (box.type) {
                    case "styp" -> {
                        // Dropped: it types a standalone segment.
                    }
                    case "moof" -> written += writeAll(renumberedMoof(in, box, trackId, sequenceNumbers.getAsInt(), where),
                            out);
                    default -> written += transfer(in, pos, box.size, out);
                }
                pos += box.size;
            }
        }
        return written;
    }

    private ByteBuffer renumberedMoof(FileChannel in, BoxSpan box, int trackId, int sequenceNumber, String where)
            throws PackagingException, IOException {
        if (box.size > MAX_MOOF_BYTES) {
            throw new PackagingException(where + ": 'moof' of " + box.size + " bytes is larger than "
                    + MAX_MOOF_BYTES + " allowed");
        }
        byte[] moof = new byte[(int) box.size];
        readFully(in, box.offset, ByteBuffer.wrap(moof));
        BufferedBox root = BufferedBox.children(moof, 0, moof.length, where).get(0);
        BufferedBox mfhd = root.onlyChild(moof, "mfhd", where).requirePayload(8, where);
        BufferedBox.writeU32(moof, mfhd.payloadOffset() + 4, sequenceNumber); // after version and flags
        for (BufferedBox traf : BufferedBox.children(moof, root.payloadOffset(), root.end(), where)) {
            if (traf.type().equals("traf")) {
                BufferedBox tfhd = traf.onlyChild(moof, "tfhd", where).requirePayload(8, where);
                BufferedBox.writeU32(moof, tfhd.payloadOffset() + 4, trackId); // after version and flags
            }
        }
        return ByteBuffer.wrap(moof);
    }

    /** A top-level box of a segment file. */
    private record BoxSpan(String type, long offset, long size) {
    }

    private BoxSpan readHeader(FileChannel in, long pos, long fileSize, String where)
            throws PackagingException, IOException {
        if (fileSize - pos < 8) {
            throw new PackagingException(where + ": " + (fileSize - pos) + " stray bytes at offset " + pos);
        }
        header.clear().limit((int) Math.min(16, fileSize - pos));
        readFully(in, pos, header);
        header.flip();
        long size = Integer.toUnsignedLong(header.getInt());
        byte[] type = new byte[4];
        header.get(type);
        String name = new String(type, StandardCharsets.ISO_8859_1);
        if (size == 1 && header.remaining() >= 8) {
            size = header.getLong();
        } else if (size == 0) {
            size = fileSize - pos;
        }
        if (size < 8 || size > fileSize - pos) {
            throw new PackagingException(where + ": box '" + name + "' at offset " + pos + " declares " + size
                    + " bytes, but " + (fileSize - pos) + " remain");
        }
        return new BoxSpan(name, pos, size);
    }

    private static void readFully(FileChannel in, long position, ByteBuffer dst) throws IOException {
        long p = position;
        while (dst.hasRemaining()) {
            int n = in.read(dst, p);
            if (n < 0) {
                throw new EOFException("unexpected end of file at offset " + p);
            }
            p += n;
        }
    }

    private static long transfer(FileChannel in, long position, long length, WritableByteChannel out) throws IOException {
        long done = 0;
        while (done < length) {
            long n = in.transferTo(position + done, length - done, out);
            if (n <= 0) {
                throw new EOFException("unexpected end of file at offset " + (position + done));
            }
            done += n;
        }
        return length;
    }

    private static long writeAll(ByteBuffer b, WritableByteChannel out) throws IOException {
        long n = b.remaining();
        while (b.hasRemaining()) {
            out.write(b);
        }
        return n;
    }
}
