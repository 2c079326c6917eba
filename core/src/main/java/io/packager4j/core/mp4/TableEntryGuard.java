package io.packager4j.core.mp4;

import io.packager4j.PackagingException;

import java.nio.ByteBuffer;

/**
 * Checks that a table box's entry count fits in the bytes it occupies, before anything parses it.
 */
final class TableEntryGuard {

    private TableEntryGuard() {
    }

    /**
     * @param fileSize the size of the file the box is in: samples whose sizes a table does not list
     *                 (a constant {@code stsz} size, an all-defaults {@code trun}) are bounded by the
     *                 media bytes they must occupy, since their count drives allocations all the same
     */
    static void check(RawBox box, String fileName, long fileSize) throws PackagingException {
        switch (box.type()) {
            case "stts", "ctts" -> counted(box, fileName, 4, 8);
            case "stss", "stco" -> counted(box, fileName, 4, 4);
            case "co64" -> counted(box, fileName, 4, 8);
            case "stsc" -> counted(box, fileName, 4, 12);
            case "stsz" -> stsz(box, fileName, fileSize);
            case "elst" -> counted(box, fileName, 4, version(box) == 1 ? 20 : 12);
            case "trun" -> trun(box, fileName, fileSize);
            case "stz2" -> throw new PackagingException(fileName + ": " + box.describe()
                    + ": compact sample sizes (stz2) are not supported");
            default -> {
                // Other boxes carry no entry count that drives an allocation.
            }
        }
    }

    private static int version(RawBox box) {
        return box.payloadSize() > 0 ? box.payloadBuffer().get(0) & 0xFF : 0;
    }

    /** Full box with a 32-bit count after {@code skip} bytes, then {@code count} entries of {@code entrySize}. */
    private static void counted(RawBox box, String fileName, int skip, int entrySize) throws PackagingException {
        ByteBuffer p = box.payloadBuffer();
        if (p.remaining() < skip + 4) {
            throw tooShort(box, fileName, skip + 4);
        }
        long count = Integer.toUnsignedLong(p.getInt(skip));
        entries(box, fileName, count, entrySize, p.remaining() - skip - 4);
    }

    private static void stsz(RawBox box, String fileName, long fileSize) throws PackagingException {
        ByteBuffer p = box.payloadBuffer();
        if (p.remaining() < 12) {
            throw tooShort(box, fileName, 12);
        }
        long constantSize = Integer.toUnsignedLong(p.getInt(4));
        long count = Integer.toUnsignedLong(p.getInt(8));
        if (constantSize == 0) {
            entries(box, fileName, count, 4, p.remaining() - 12);
        } else if (count > ReaderLimits.DEFAULT.maxSamplesPerTrack()) {
            throw new PackagingException(fileName + ": " + box.describe() + " declares " + count
                    + " samples, more than the " + ReaderLimits.DEFAULT.maxSamplesPerTrack() + " allowed per track");
        } else if (count * constantSize > fileSize) {
            throw new PackagingException(fileName + ": " + box.describe() + " declares " + count + " samples of "
                    + constantSize + " bytes, more than the " + fileSize + "-byte file holds");
        }
    }

    private static void trun(RawBox box, String fileName, long fileSize) throws PackagingException {
        ByteBuffer p = box.payloadBuffer();
        if (p.remaining() < 8) {
            throw tooShort(box, fileName, 8);
        }
        int flags = p.getInt(0) & 0xFFFFFF;
        long count = Integer.toUnsignedLong(p.getInt(4));
        int fixed = 8 + ((flags & 0x1) != 0 ? 4 : 0) + ((flags & 0x4) != 0 ? 4 : 0);
        int entrySize = 4 * Integer.bitCount(flags & 0xF00);
        if (p.remaining() < fixed) {
            throw tooShort(box, fileName, fixed);
        }
        if (entrySize == 0) {
            // Every field comes from defaults; the count still drives per-sample work.
            if (count > ReaderLimits.DEFAULT.maxSamplesPerTrack()) {
                throw new PackagingException(fileName + ": " + box.describe() + " declares " + count + " samples");
            }
            // mp4parser makes an object per sample. Found by fuzzing: a 20-byte trun declaring 16 million
            // samples (878 MB). Audio and video samples take at least a byte of the file each.
            if (count > fileSize) {
                throw new PackagingException(fileName + ": " + box.describe() + " declares " + count
                        + " samples, more than the " + fileSize + "-byte file can hold");
            }
            return;
        }
        entries(box, fileName, count, entrySize, p.remaining() - fixed);
    }

    private static void entries(RawBox box, String fileName, long count, int entrySize, int available)
            throws PackagingException {
        if (count * entrySize > available) {
            throw new PackagingException(fileName + ": " + box.describe() + " declares " + count + " entries of "
                    + entrySize + " bytes but holds only " + available + " bytes of entries");
        }
    }

    private static PackagingException tooShort(RawBox box, String fileName, int needed) {
        return new PackagingException(fileName + ": " + box.describe() + " is " + box.payloadSize()
                + " bytes, too short for its " + needed + "-byte header fields");
    }
}
