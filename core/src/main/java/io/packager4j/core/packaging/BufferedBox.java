package io.packager4j.core.packaging;

import io.packager4j.PackagingException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A box inside a byte array that holds boxes this library wrote (an init segment, a {@code moof}):
 * its type and where it lies. The merger needs no more than this to copy boxes and patch a few
 * fields; sizes are still checked, so a damaged staging file is an error, not a wrong output.
 *
 * @param type          four-character type
 * @param offset        where the box starts in the array
 * @param size          whole box, header included
 * @param payloadOffset where its payload starts (after the 8- or 16-byte header)
 */
record BufferedBox(String type, int offset, int size, int payloadOffset) {

    /** One past the box's last byte. */
    int end() {
        return offset + size;
    }

    /** The boxes lying back to back in {@code data[from, to)}. */
    static List<BufferedBox> children(byte[] data, int from, int to, String where) throws PackagingException {
        List<BufferedBox> boxes = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            if (to - pos < 8) {
                throw new PackagingException(where + ": " + (to - pos) + " stray bytes at offset " + pos);
            }
            long size = readU32(data, pos);
            String type = new String(data, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                if (to - pos < 16 || readU32(data, pos + 8) != 0) {
                    throw new PackagingException(where + ": box '" + type + "' at offset " + pos
                            + " has a 64-bit size that does not fit");
                }
                size = readU32(data, pos + 12);
                header = 16;
            } else if (size == 0) {
                size = to - pos;
            }
            if (size < header || size > to - pos) {
                throw new PackagingException(where + ": box '" + type + "' at offset " + pos + " declares " + size
                        + " bytes, but " + (to - pos) + " remain");
            }
            boxes.add(new BufferedBox(type, pos, (int) size, pos + header));
            pos += (int) size;
        }
        return boxes;
    }

    /** The only child of {@code type} in this box, or an error naming what is missing. */
    BufferedBox onlyChild(byte[] data, String childType, String where) throws PackagingException {
        BufferedBox found = null;
        for (BufferedBox c : children(data, payloadOffset, end(), where)) {
            if (c.type().equals(childType)) {
                if (found != null) {
                    throw new PackagingException(where + ": more than one '" + childType + "' in '" + type + "'");
                }
                found = c;
            }
        }
        if (found == null) {
            throw new PackagingException(where + ": no '" + childType + "' in '" + type + "'");
        }
        return found;
    }

    /** Checks the payload holds at least {@code bytes}, before fixed fields are read or patched. */
    BufferedBox requirePayload(int bytes, String where) throws PackagingException {
        if (end() - payloadOffset < bytes) {
            throw new PackagingException(where + ": '" + type + "' box at offset " + offset + " is too short ("
                    + size + " bytes)");
        }
        return this;
    }

    static long readU32(byte[] d, int at) {
        return ((d[at] & 0xFFL) << 24) | ((d[at + 1] & 0xFFL) << 16) | ((d[at + 2] & 0xFFL) << 8) | (d[at + 3] & 0xFFL);
    }

    static void writeU32(byte[] d, int at, long v) {
        d[at] = (byte) (v >>> 24);
        d[at + 1] = (byte) (v >>> 16);
        d[at + 2] = (byte) (v >>> 8);
        d[at + 3] = (byte) v;
    }
}
