package io.packager4j.core.mp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds boxes in a real file's bytes and patches them, so tests can damage one field of a real
 * encrypted file and check the reader's answer.
 */
final class Mp4Patch {

    private static final Set<String> CONTAINERS = Set.of(
            "moov", "trak", "mdia", "minf", "stbl", "mvex", "moof", "traf", "sinf", "schi", "edts", "dinf");

    private Mp4Patch() {
    }

    /**
     * The offset of the box at {@code path}, each element a type with an optional {@code #n} for
     * the n-th (0-based) box of that type, e.g. {@code find(f, "moof", "traf#1", "senc")}.
     * Sample entries are entered too: {@code "moov", "trak", ..., "stsd", "encv", "sinf"}.
     */
    static int find(byte[] file, String... path) {
        return findWithParents(file, path).get(path.length - 1);
    }

    /** The offsets of every box along {@code path}, outermost first. */
    static List<Integer> findWithParents(byte[] file, String... path) {
        List<Integer> found = new ArrayList<>();
        int from = 0;
        int to = file.length;
        for (String element : path) {
            String type = element.contains("#") ? element.substring(0, element.indexOf('#')) : element;
            int wanted = element.contains("#") ? Integer.parseInt(element.substring(element.indexOf('#') + 1)) : 0;
            int at = -1;
            int seen = 0;
            for (int pos = from; pos + 8 <= to; ) {
                int size = u32(file, pos);
                String t = new String(file, pos + 4, 4, StandardCharsets.ISO_8859_1);
                if (t.equals(type) && seen++ == wanted) {
                    at = pos;
                    break;
                }
                if (size < 8) {
                    break;
                }
                pos += size;
            }
            if (at < 0) {
                throw new IllegalArgumentException("no box " + element + " in " + String.join("/", path));
            }
            found.add(at);
            to = at + u32(file, at);
            from = at + childrenOffset(type, file, at);
        }
        return found;
    }

    private static int childrenOffset(String type, byte[] file, int at) {
        if (CONTAINERS.contains(type)) {
            return 8;
        }
        return switch (type) {
            case "stsd" -> 16;
            case "encv", "avc1", "avc3", "hvc1", "hev1" -> 86;
            case "enca", "mp4a" -> 36;
            default -> 8;
        };
    }

    static int u32(byte[] b, int at) {
        return ByteBuffer.wrap(b).getInt(at);
    }

    static void put32(byte[] b, int at, long v) {
        ByteBuffer.wrap(b).putInt(at, (int) v);
    }

    static void putType(byte[] b, int boxAt, String type) {
        System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, b, boxAt + 4, 4);
    }

    /**
     * Inserts {@code bytes} at {@code at} and grows the size field of each box in {@code parents}
     * (which start before {@code at}) by their length.
     */
    static byte[] insert(byte[] file, int at, byte[] bytes, List<Integer> parents) {
        byte[] out = new byte[file.length + bytes.length];
        System.arraycopy(file, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(file, at, out, at + bytes.length, file.length - at);
        for (int p : parents) {
            put32(out, p, u32(out, p) + bytes.length);
        }
        return out;
    }

    /** A box: 32-bit size, type, payload. */
    static byte[] box(String type, byte[]... payload) {
        int n = 8;
        for (byte[] p : payload) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n).putInt(n).put(type.getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] p : payload) {
            b.put(p);
        }
        return b.array();
    }

    static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
