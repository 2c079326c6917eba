package io.packager4j.core.output;

/**
 * A run of bytes in a file: what HLS {@code EXT-X-BYTERANGE} ({@code length@offset}) and HTTP
 * range requests address.
 *
 * @param offset first byte, from the start of the file
 * @param length number of bytes, at least 1
 */
public record ByteRange(long offset, long length) {

    public ByteRange {
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("bad byte range: " + length + "@" + offset);
        }
    }

    /** The byte after the range. */
    public long end() {
        return offset + length;
    }

    /** HLS form, {@code length@offset}. */
    @Override
    public String toString() {
        return length + "@" + offset;
    }
}
