package io.packager4j.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A minimal ISO-BMFF walker for assertions on what we wrote: finds boxes by path
 * ("moof/traf/senc"), independently of the library's own reader.
 */
final class BoxPaths {

    /** A box found in a byte array. */
    record Box(String type, int offset, int size, int payloadOffset) {
        int end() {
            return offset + size;
        }
    }

    /** Sample entries hold fixed fields before their child boxes. */
    private static final Set<String> VISUAL_ENTRIES = Set.of("encv", "avc1", "avc3", "hvc1", "hev1");
    private static final Set<String> AUDIO_ENTRIES = Set.of("enca", "mp4a", "ac-3", "ec-3", "Opus");

    private BoxPaths() {
    }

    static List<Box> children(byte[] data, int start, int end) {
        List<Box> boxes = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(data);
        int pos = start;
        while (pos + 8 <= end) {
            long size = Integer.toUnsignedLong(b.getInt(pos));
            String type = new String(data, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                size = b.getLong(pos + 8);
                header = 16;
            } else if (size == 0) {
                size = end - pos;
            }
            if (size < header || pos + size > end) {
                throw new AssertionError("box " + type + " at " + pos + " has an impossible size " + size);
            }
            boxes.add(new Box(type, pos, (int) size, pos + header));
            pos += (int) size;
        }
        return boxes;
    }

    /** Every box at {@code path} (types separated by '/'), searched from the top level. */
    static List<Box> find(byte[] data, String path) {
        List<Box> level = children(data, 0, data.length);
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            String type = parts[i];
            List<Box> matches = level.stream().filter(x -> x.type().equals(type)).toList();
            if (i == parts.length - 1) {
                return matches;
            }
            List<Box> next = new ArrayList<>();
            for (Box m : matches) {
                next.addAll(children(data, childrenStart(data, m), m.end()));
            }
            level = next;
        }
        return level;
    }

    private static int childrenStart(byte[] data, Box box) {
        String t = box.type();
        if (t.equals("stsd")) {
            return box.payloadOffset() + 8;
        }
        if (VISUAL_ENTRIES.contains(t)) {
            return box.payloadOffset() + 78;
        }
        if (AUDIO_ENTRIES.contains(t)) {
            return box.payloadOffset() + 28;
        }
        return box.payloadOffset();
    }

    static int u8(byte[] d, int at) {
        return d[at] & 0xFF;
    }

    static int u16(byte[] d, int at) {
        return ((d[at] & 0xFF) << 8) | (d[at + 1] & 0xFF);
    }

    static long u32(byte[] d, int at) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(d).getInt(at));
    }
}
