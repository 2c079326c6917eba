package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.io.RandomAccessSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the top-level boxes of a file by reading only their headers, so that a multi-gigabyte
 * {@code mdat} is skipped, not read. Every size is checked against the file before it is trusted.
 */
final class FileBoxScanner {

    private FileBoxScanner() {
    }

    static List<BoxHeader> scan(RandomAccessSource source, ReaderLimits limits) throws PackagingException {
        List<BoxHeader> boxes = new ArrayList<>();
        long offset = 0;
        long fileSize = source.size();
        if (fileSize == 0) {
            throw new PackagingException(source.name() + ": the file is empty");
        }
        while (offset < fileSize) {
            if (boxes.size() >= limits.maxTopLevelBoxes()) {
                throw new PackagingException(source.name() + ": more than " + limits.maxTopLevelBoxes()
                        + " top-level boxes (at offset " + offset + "); refusing to index further");
            }
            BoxHeader box = readHeader(source, offset, fileSize, boxes.isEmpty());
            boxes.add(box);
            offset = box.end();
        }
        return boxes;
    }

    private static BoxHeader readHeader(RandomAccessSource source, long offset, long fileSize, boolean first)
            throws PackagingException {
        long remaining = fileSize - offset;
        if (remaining < 8) {
            throw new PackagingException(source.name() + ": " + remaining + " stray bytes at offset " + offset
                    + " where a box header (8 bytes) should start (truncated file?)");
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(16, remaining));
        source.readFully(offset, head);
        head.flip();
        long size = Integer.toUnsignedLong(head.getInt());
        int typeValue = head.getInt();
        String type = BoxHeader.fourCC(typeValue);
        if (type == null) {
            String what = first ? "not an MP4 file: it does not start with a box header"
                    : "corrupt box header at offset " + offset;
            throw new PackagingException(source.name() + ": " + what + " (type bytes "
                    + BoxHeader.printable(typeValue) + ")");
        }
        if (first && !Mp4Boxes.isKnownTopLevel(type)) {
            throw new PackagingException(source.name() + ": not an MP4 file: first box is '" + type
                    + "', expected one of ftyp, styp, moov, moof, mdat, free, skip, wide, sidx, pdin, uuid");
        }
        int headerSize = 8;
        if (size == 1) {
            if (head.remaining() < 8) {
                throw new PackagingException(source.name() + ": box '" + type + "' at offset " + offset
                        + " has a 64-bit size but the file ends inside its header");
            }
            size = head.getLong();
            headerSize = 16;
            if (size < 0) {
                throw new PackagingException(source.name() + ": box '" + type + "' at offset " + offset
                        + " declares an impossible 64-bit size");
            }
        } else if (size == 0) {
            size = remaining; // "extends to the end of the file" (ISO/IEC 14496-12 4.2)
        }
        if ("uuid".equals(type)) {
            headerSize += 16;
        }
        if (size < headerSize) {
            throw new PackagingException(source.name() + ": box '" + type + "' at offset " + offset
                    + " declares " + size + " bytes, less than its own " + headerSize + "-byte header");
        }
        if (size > remaining) {
            throw new PackagingException(source.name() + ": box '" + type + "' at offset " + offset
                    + " declares " + size + " bytes but only " + remaining + " remain in the file (truncated file?)");
        }
        return new BoxHeader(type, offset, headerSize, size);
    }
}
