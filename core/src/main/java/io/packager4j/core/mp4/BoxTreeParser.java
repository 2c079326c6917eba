package io.packager4j.core.mp4;

import io.packager4j.PackagingException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

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

    /** Boxes that commonly repeat in their parent: their paths in messages always carry an index. */
    private static final Set<String> REPEATED = Set.of("trak", "traf", "trun");

    private final byte[] data;
    private final long fileOffset;
    private final String fileName;
    private final ReaderLimits limits;
    private final TableEntryGuard guard;

    private BoxTreeParser(byte[] data, long fileOffset, TableEntryGuard guard, ReaderLimits limits) {
        this.data = data;
        this.fileOffset = fileOffset;
        this.fileName = guard.fileName();
        this.guard = guard;
        this.limits = limits;
    }

    /**
     * Parses the single box that {@code data} holds, read from {@code fileOffset} of the guard's file.
     *
     * @param guard the file's table guard, which checks (and counts) every table box's entries
     */
    static RawBox parse(byte[] data, long fileOffset, TableEntryGuard guard, ReaderLimits limits)
            throws PackagingException {
        BoxTreeParser p = new BoxTreeParser(data, fileOffset, guard, limits);
        RawBox root = p.header(0, data.length, "");
        p.children(root, 0, 1);
        return root;
    }

    /** @param parentPath the path of the parent box, "" for the top-level box */
    private RawBox header(int start, int limit, String parentPath) throws PackagingException {
        long at = fileOffset + start;
        String in = parentPath.isEmpty() ? "" : " (in " + parentPath + ")";
        if (limit - start < 8) {
            throw error("a box header at offset " + at + in + " is cut off (" + (limit - start)
                    + " bytes left in its parent)");
        }
        long size = u32(start);
        int typeValue = (int) u32(start + 4);
        String type = BoxHeader.fourCC(typeValue);
        if (type == null) {
            throw error("corrupt box header at offset " + at + in + " (type bytes " + BoxHeader.printable(typeValue) + ")");
        }
        int headerSize = 8;
        if (size == 1) {
            if (limit - start < 16) {
                throw error("box '" + type + "' at offset " + at + in + " has a 64-bit size cut off by its parent");
            }
            long high = u32(start + 8);
            long low = u32(start + 12);
            if (high != 0) {
                throw error("box '" + type + "' at offset " + at + in + " declares a 64-bit size of "
                        + Long.toUnsignedString((high << 32) | low) + " bytes but its parent has only "
                        + (limit - start) + " left");
            }
            size = low;
            headerSize = 16;
        } else if (size == 0) {
            if (!parentPath.isEmpty()) {
                // Size 0 means "to the end of the file" (14496-12 4.2): only a top-level box may say it.
                throw error("box '" + type + "' at offset " + at + in
                        + " declares size 0 (\"to the end of the file\"), which only a top-level box may");
            }
            size = limit - start;
            // A top-level moov or moof that is the file's last box: mp4parser does not accept size 0,
            // so give our in-memory copy the size it stands for.
            data[start] = (byte) (size >>> 24);
            data[start + 1] = (byte) (size >>> 16);
            data[start + 2] = (byte) (size >>> 8);
            data[start + 3] = (byte) size;
        }
        if ("uuid".equals(type)) {
            headerSize += 16;
        }
        if (size < headerSize) {
            throw error("box '" + type + "' at offset " + at + in + " declares " + size
                    + " bytes, less than its own " + headerSize + "-byte header");
        }
        if (size > limit - start) {
            throw error("box '" + type + "' at offset " + at + in + " declares " + size
                    + " bytes but its parent has only " + (limit - start) + " left");
        }
        return new RawBox(type, data, start, headerSize, (int) size, at,
                parentPath.isEmpty() ? type : parentPath + "/" + type);
    }

    private void children(RawBox box, int start, int depth) throws PackagingException {
        if (!Mp4Boxes.isContainer(box.type())) {
            guard.check(box);
            return;
        }
        if (depth > limits.maxBoxDepth()) {
            throw error("boxes nested deeper than " + limits.maxBoxDepth() + " levels: " + box.describe() + " ("
                    + shortened(box.path()) + ")");
        }
        int end = start + box.size();
        int pos = start + box.size() - box.payloadSize();
        Map<String, Integer> seen = new HashMap<>();
        while (pos < end) {
            RawBox child = header(pos, end, box.path());
            // Number the repeatable boxes (trak, traf, trun) in the path, so a message names which one.
            int nth = seen.merge(child.type(), 1, Integer::sum);
            if (nth > 1 || REPEATED.contains(child.type())) {
                child = child.withPath(box.path() + "/" + child.type() + "[" + nth + "]");
            }
            box.addChild(child);
            if (child.type().equals(box.type())) {
                throw error(child.describeWithPath() + " is nested inside a box of its own type");
            }
            children(child, pos, depth + 1);
            pos += child.size();
        }
    }

    /** A path for messages, its middle elided when it is long: "moov/trak[3]/mdia/.../mdia/trak[1]/mdia". */
    private static String shortened(String path) {
        String[] parts = path.split("/");
        if (parts.length <= 8) {
            return path;
        }
        return String.join("/", Arrays.copyOfRange(parts, 0, 3)) + "/.../"
                + String.join("/", Arrays.copyOfRange(parts, parts.length - 3, parts.length))
                + ", " + parts.length + " levels";
    }

    private long u32(int at) {
        return ((data[at] & 0xFFL) << 24) | ((data[at + 1] & 0xFFL) << 16) | ((data[at + 2] & 0xFFL) << 8) | (data[at + 3] & 0xFFL);
    }

    private PackagingException error(String what) {
        return new PackagingException(fileName + ": " + what);
    }
}
