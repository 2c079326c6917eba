package io.packager4j.core.mp4;

import io.packager4j.PackagingException;

/**
 * Parses an in-memory metadata box ({@code moov}, {@code moof}) into a tree of {@link RawBox}es,
 * checking every header against its parent and every sample-table entry count against the bytes
 * that hold it.
 *
 * <p>Why the counts matter: mp4parser sizes its arrays from the counts it reads, so a 40-byte
 * {@code stsz} claiming two billion entries would exhaust the heap. Nothing reaches mp4parser
 * before this check has passed.
 */
final class BoxTreeParser {

    private final byte[] data;
    private final long fileOffset;
    private final String fileName;
    private final long fileSize;
    private final ReaderLimits limits;

    private BoxTreeParser(byte[] data, long fileOffset, String fileName, long fileSize, ReaderLimits limits) {
        this.data = data;
        this.fileOffset = fileOffset;
        this.fileName = fileName;
        this.fileSize = fileSize;
        this.limits = limits;
    }

    /**
     * Parses the single box that {@code data} holds, read from {@code fileOffset} of {@code fileName},
     * a file of {@code fileSize} bytes (which bounds how many samples its tables can describe).
     */
    static RawBox parse(byte[] data, long fileOffset, String fileName, long fileSize, ReaderLimits limits)
            throws PackagingException {
        BoxTreeParser p = new BoxTreeParser(data, fileOffset, fileName, fileSize, limits);
        RawBox root = p.header(0, data.length);
        p.children(root, 0, 1);
        return root;
    }

    private RawBox header(int start, int limit) throws PackagingException {
        long at = fileOffset + start;
        if (limit - start < 8) {
            throw error("a box header at offset " + at + " is cut off (" + (limit - start) + " bytes left in its parent)");
        }
        long size = u32(start);
        int typeValue = (int) u32(start + 4);
        String type = BoxHeader.fourCC(typeValue);
        if (type == null) {
            throw error("corrupt box header at offset " + at + " (type bytes " + BoxHeader.printable(typeValue) + ")");
        }
        int headerSize = 8;
        if (size == 1) {
            if (limit - start < 16) {
                throw error("box '" + type + "' at offset " + at + " has a 64-bit size cut off by its parent");
            }
            long high = u32(start + 8);
            long low = u32(start + 12);
            if (high != 0) {
                throw error("box '" + type + "' at offset " + at + " declares a 64-bit size larger than its parent");
            }
            size = low;
            headerSize = 16;
        } else if (size == 0) {
            size = limit - start;
        }
        if ("uuid".equals(type)) {
            headerSize += 16;
        }
        if (size < headerSize) {
            throw error("box '" + type + "' at offset " + at + " declares " + size
                    + " bytes, less than its own " + headerSize + "-byte header");
        }
        if (size > limit - start) {
            throw error("box '" + type + "' at offset " + at + " declares " + size + " bytes but its parent has only "
                    + (limit - start) + " left");
        }
        return new RawBox(type, data, start, headerSize, (int) size, at);
    }

    private void children(RawBox box, int start, int depth) throws PackagingException {
        if (!Mp4Boxes.isContainer(box.type())) {
            TableEntryGuard.check(box, fileName, fileSize);
            return;
        }
        if (depth > limits.maxBoxDepth()) {
            throw error("boxes nested deeper than " + limits.maxBoxDepth() + " levels at " + box.describe());
        }
        int end = start + box.size();
        int pos = start + box.size() - box.payloadSize();
        while (pos < end) {
            RawBox child = header(pos, end);
            box.addChild(child);
            if (child.type().equals(box.type())) {
                throw error(child.describe() + " is nested inside a box of its own type");
            }
            children(child, pos, depth + 1);
            pos += child.size();
        }
    }

    private long u32(int at) {
        return ((data[at] & 0xFFL) << 24) | ((data[at + 1] & 0xFFL) << 16) | ((data[at + 2] & 0xFFL) << 8) | (data[at + 3] & 0xFFL);
    }

    private PackagingException error(String what) {
        return new PackagingException(fileName + ": " + what);
    }
}
