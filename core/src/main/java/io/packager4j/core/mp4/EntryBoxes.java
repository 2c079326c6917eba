package io.packager4j.core.mp4;

import io.packager4j.PackagingException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lists the boxes inside a sample entry (and inside its {@code sinf} and {@code schi}), whose bytes
 * {@link BoxTreeParser} does not look into, checking every size against its parent first.
 *
 * <p>Why before mp4parser: it allocates the size a box header declares before reading, so a box
 * inside a sample entry claiming two gigabytes must be refused by us first.
 */
final class EntryBoxes {

    /** Boxes found inside sample entries whose payload is only child boxes. */
    private static final Set<String> NESTED_CONTAINERS = Set.of("sinf", "schi");

    /** Bytes before a visual sample entry's child boxes: 8 header + 8 SampleEntry + 70 fields. */
    static final int VISUAL_CHILDREN = 86;
    /** 8 header + 8 SampleEntry + 20 AudioSampleEntry fields (sound version 0). */
    static final int AUDIO_CHILDREN = 36;

    /** One box in a byte array: type, absolute start in the array, header length and total size. */
    record Span(String type, int start, int headerSize, int size) {

        int payloadStart() {
            return start + headerSize;
        }

        int payloadSize() {
            return size - headerSize;
        }

        int end() {
            return start + size;
        }
    }

    private EntryBoxes() {
    }

    /**
     * The boxes in {@code data[from..to)}. Fewer than 8 trailing bytes are tolerated (some writers
     * end sample entries with a 4-byte zero terminator), as the clear sample entry parser does.
     *
     * @param where what holds the boxes, for messages, e.g. "in.mp4 track 1 (video): the 'encv'
     *              sample entry"
     */
    static List<Span> list(byte[] data, int from, int to, String where) throws PackagingException {
        List<Span> out = new ArrayList<>();
        int pos = from;
        while (to - pos >= 8) {
            long size = u32(data, pos);
            int typeValue = (int) u32(data, pos + 4);
            String type = BoxHeader.fourCC(typeValue);
            if (type == null) {
                throw new PackagingException(where + " holds a corrupt box header at byte " + (pos - from)
                        + " (type bytes " + BoxHeader.printable(typeValue) + ")");
            }
            int headerSize = 8;
            if (size == 1) {
                if (to - pos < 16 || u32(data, pos + 8) != 0) {
                    throw new PackagingException(where + ": box '" + type + "' declares a 64-bit size larger than "
                            + (to - pos) + " bytes, all that remain");
                }
                size = u32(data, pos + 12);
                headerSize = 16;
            } else if (size == 0) {
                size = to - pos; // "extends to the end of its container"
            }
            if (size < headerSize || size > to - pos) {
                throw new PackagingException(where + ": box '" + type + "' declares " + size + " bytes but only "
                        + (to - pos) + " remain" + (size < headerSize ? " and it needs at least " + headerSize : ""));
            }
            out.add(new Span(type, pos, headerSize, (int) size));
            pos += (int) size;
        }
        return out;
    }

    /**
     * Checks the child boxes of every sample entry of an {@code stsd}, and of any {@code sinf} or
     * {@code schi} among them, so that nothing inside a sample entry can make the metadata parser
     * allocate more than the entry holds.
     *
     * @param stsd    the sample description box
     * @param handler the track's handler type, which decides where an entry's child boxes start
     * @param where   the track, for messages
     */
    static void checkSampleEntries(RawBox stsd, String handler, String where) throws PackagingException {
        if (!"vide".equals(handler) && !"soun".equals(handler)) {
            return;
        }
        byte[] p = stsd.payload();
        if (p.length < 8) {
            throw new PackagingException(where + ": stsd is too short");
        }
        for (Span entry : list(p, 8, p.length, where + ": stsd")) {
            int childrenAt = childrenStart(p, entry, handler);
            if (childrenAt < 0) {
                continue; // too short to hold children: the sample entry parser says so
            }
            checkNested(p, entry.start() + childrenAt, entry.end(),
                    where + ": the '" + entry.type() + "' sample entry", 0);
        }
    }

    /**
     * Offset of the first child box inside a sample entry, relative to the entry's start, or -1 if
     * the entry is too short for its fixed fields or has a sound description version we do not read.
     */
    static int childrenStart(byte[] data, Span entry, String handler) {
        if ("vide".equals(handler)) {
            return entry.size() >= VISUAL_CHILDREN ? VISUAL_CHILDREN : -1;
        }
        if (entry.size() < AUDIO_CHILDREN) {
            return -1;
        }
        int soundVersion = ((data[entry.start() + 16] & 0xFF) << 8) | (data[entry.start() + 17] & 0xFF);
        int at = switch (soundVersion) {
            case 0 -> AUDIO_CHILDREN;
            case 1 -> AUDIO_CHILDREN + 16; // QuickTime sound description v1
            default -> -1;
        };
        return at >= 0 && entry.size() >= at ? at : -1;
    }

    private static void checkNested(byte[] data, int from, int to, String where, int depth) throws PackagingException {
        for (Span child : list(data, from, to, where)) {
            if (NESTED_CONTAINERS.contains(child.type()) && depth < 4) {
                checkNested(data, child.payloadStart(), child.end(), where + ": its '" + child.type() + "' box", depth + 1);
            }
        }
    }

    static long u32(byte[] d, int at) {
        return ((d[at] & 0xFFL) << 24) | ((d[at + 1] & 0xFFL) << 16) | ((d[at + 2] & 0xFFL) << 8) | (d[at + 3] & 0xFFL);
    }
}
