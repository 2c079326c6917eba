package io.packager4j.core.mp4;

import io.packager4j.PackagingException;

import java.nio.ByteBuffer;

/**
 * Checks every table box's entry count before anything parses it: that the entries fit in the bytes
 * the box occupies, that the samples a count declares can fit in the file, and that the file's
 * tables together stay under {@link ReaderLimits#maxSampleTableEntries()}.
 *
 * <p>Why before parsing: mp4parser sizes its arrays (and, for {@code trun}, creates one object per
 * entry) from the counts it reads, so a count must be bounded by the bytes of the file before it
 * drives any allocation. One guard serves one file: it keeps the running total of its entries over
 * the {@code moov} and every {@code moof}.
 */
final class TableEntryGuard {

    private final String fileName;
    private final long fileSize;
    private final ReaderLimits limits;
    private long entries;

    /**
     * @param fileName the file, for messages
     * @param fileSize its size: the samples that tables declare must fit in it
     */
    TableEntryGuard(String fileName, long fileSize, ReaderLimits limits) {
        this.fileName = fileName;
        this.fileSize = fileSize;
        this.limits = limits;
    }

    String fileName() {
        return fileName;
    }

    void check(RawBox box) throws PackagingException {
        switch (box.type()) {
            case "stts", "ctts" -> counted(box, 4, 8);
            case "stss", "stco" -> counted(box, 4, 4);
            case "co64" -> counted(box, 4, 8);
            case "stsc" -> counted(box, 4, 12);
            case "stsz" -> stsz(box);
            case "elst" -> counted(box, 4, version(box) == 1 ? 20 : 12);
            case "trun" -> trun(box);
            case "stz2" -> throw new PackagingException(fileName + ": " + box.describeWithPath()
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
    private void counted(RawBox box, int skip, int entrySize) throws PackagingException {
        ByteBuffer p = box.payloadBuffer();
        if (p.remaining() < skip + 4) {
            throw tooShort(box, skip + 4);
        }
        long count = Integer.toUnsignedLong(p.getInt(skip));
        entries(box, count, entrySize, p.remaining() - skip - 4);
    }

    private void stsz(RawBox box) throws PackagingException {
        ByteBuffer p = box.payloadBuffer();
        if (p.remaining() < 12) {
            throw tooShort(box, 12);
        }
        long constantSize = Integer.toUnsignedLong(p.getInt(4));
        long count = Integer.toUnsignedLong(p.getInt(8));
        if (constantSize == 0) {
            entries(box, count, 4, p.remaining() - 12);
            samplesPerTrack(box, count);
        } else {
            samplesPerTrack(box, count);
            // No table: nothing bounds the count but the media it describes, which must be in the file.
            if (count > fileSize / constantSize) {
                throw new PackagingException(fileName + ": " + box.describeWithPath() + " declares " + count + " samples of "
                        + constantSize + " bytes, " + count * constantSize + " bytes in all, more than the whole file ("
                        + fileSize + " bytes)");
            }
            budget(box, count);
        }
    }

    private void trun(RawBox box) throws PackagingException {
        ByteBuffer p = box.payloadBuffer();
        if (p.remaining() < 8) {
            throw tooShort(box, 8);
        }
        int flags = p.getInt(0) & 0xFFFFFF;
        long count = Integer.toUnsignedLong(p.getInt(4));
        int fixed = 8 + ((flags & 0x1) != 0 ? 4 : 0) + ((flags & 0x4) != 0 ? 4 : 0);
        int entrySize = 4 * Integer.bitCount(flags & 0xF00);
        if (p.remaining() < fixed) {
            throw tooShort(box, fixed);
        }
        if (entrySize == 0) {
            samplesPerTrack(box, count);
            // Every field comes from defaults, yet mp4parser still makes an object per sample: bound the
            // count by the bytes after the run, where its samples (of at least one byte each) must lie.
            long after = fileSize - (box.fileOffset() + box.size());
            if (count > after) {
                throw new PackagingException(fileName + ": " + box.describeWithPath() + " declares " + count
                        + " samples without per-sample fields, more than the " + after
                        + " bytes that follow it in the file could hold");
            }
            budget(box, count);
            return;
        }
        entries(box, count, entrySize, p.remaining() - fixed);
        samplesPerTrack(box, count);
    }

    private void samplesPerTrack(RawBox box, long count) throws PackagingException {
        if (count > limits.maxSamplesPerTrack()) {
            throw new PackagingException(fileName + ": " + box.describeWithPath() + " declares " + count
                    + " samples, more than the " + limits.maxSamplesPerTrack() + " allowed per track");
        }
    }

    private void entries(RawBox box, long count, int entrySize, int available) throws PackagingException {
        if (count * entrySize > available) {
            throw new PackagingException(fileName + ": " + box.describeWithPath() + " declares " + count + " entries of "
                    + entrySize + " bytes but holds only " + available + " bytes of entries");
        }
        budget(box, count);
    }

    /** Adds a table's entries to the file's total, which {@link ReaderLimits#maxSampleTableEntries()} bounds. */
    private void budget(RawBox box, long count) throws PackagingException {
        entries += count;
        if (entries > limits.maxSampleTableEntries()) {
            throw new PackagingException(fileName + ": " + box.describeWithPath() + " brings the file's sample-table entries to "
                    + entries + ", more than the " + limits.maxSampleTableEntries() + " allowed per file");
        }
    }

    private PackagingException tooShort(RawBox box, int needed) {
        return new PackagingException(fileName + ": " + box.describeWithPath() + " is " + box.payloadSize()
                + " bytes, too short for its " + needed + "-byte header fields");
    }
}
