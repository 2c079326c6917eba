package io.packager4j.core.mp4;

/**
 * Where a box lies: its four-character type, absolute offset in the file, header length (8, 16 with
 * a 64-bit size, +16 for {@code uuid}) and total size.
 */
public record BoxHeader(String type, long offset, int headerSize, long size) {

    /** Offset of the first payload byte. */
    public long payloadOffset() {
        return offset + headerSize;
    }

    public long payloadSize() {
        return size - headerSize;
    }

    /** Offset just past the box. */
    public long end() {
        return offset + size;
    }

    /** "'moov' at offset 1234", for messages. */
    public String describe() {
        return "'" + type + "' box at offset " + offset;
    }

    /** Four bytes as a printable four-character code, or null when they cannot be one. */
    static String fourCC(int value) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = (value >>> (24 - 8 * i)) & 0xFF;
            // Box types are printable ASCII; '©' (0xA9) appears in iTunes metadata.
            if ((b < 0x20 || b > 0x7E) && b != 0xA9) {
                return null;
            }
            c[i] = (char) b;
        }
        return new String(c);
    }

    /** A four-character code for messages, with non-printable bytes as hex. */
    static String printable(int value) {
        String s = fourCC(value);
        return s != null ? s : String.format("0x%08x", value);
    }
}
