package io.packager4j.core.mp4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A box inside a metadata buffer ({@code moov}, {@code moof}) whose bytes are in memory: its type,
 * position, and, for container boxes, its children. Built by {@link BoxTreeParser}, which has
 * checked every size, so the ranges here can be trusted.
 */
public final class RawBox {

    private final String type;
    private final byte[] data;
    private final int start;
    private final int headerSize;
    private final int size;
    private final long fileOffset;
    private final String path;
    private final List<RawBox> children = new ArrayList<>();

    /** @param path where the box is, for messages: its ancestors' types and its own, e.g. "moov/trak[2]/mdia" */
    RawBox(String type, byte[] data, int start, int headerSize, int size, long fileOffset, String path) {
        this.path = path;
        this.type = type;
        this.data = data;
        this.start = start;
        this.headerSize = headerSize;
        this.size = size;
        this.fileOffset = fileOffset;
    }

    /** Where the box starts in the buffer it was parsed from. */
    int start() {
        return start;
    }

    public String type() {
        return type;
    }

    /** Offset of this box in the input file. */
    public long fileOffset() {
        return fileOffset;
    }

    public int size() {
        return size;
    }

    public int payloadSize() {
        return size - headerSize;
    }

    /** The whole box, header included, as a new array. */
    public byte[] bytes() {
        byte[] copy = new byte[size];
        System.arraycopy(data, start, copy, 0, size);
        return copy;
    }

    /** The payload (after the header), as a new array. */
    public byte[] payload() {
        byte[] copy = new byte[payloadSize()];
        System.arraycopy(data, start + headerSize, copy, 0, copy.length);
        return copy;
    }

    /** A read-only big-endian view of the payload. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(data, start + headerSize, payloadSize()).slice().asReadOnlyBuffer();
    }

    /** The same box under another path (before any child is added): for numbering repeated boxes. */
    RawBox withPath(String newPath) {
        return new RawBox(type, data, start, headerSize, size, fileOffset, newPath);
    }

    void addChild(RawBox child) {
        children.add(child);
    }

    public List<RawBox> children() {
        return Collections.unmodifiableList(children);
    }

    /** The first child of the given type. */
    public Optional<RawBox> child(String childType) {
        for (RawBox c : children) {
            if (c.type.equals(childType)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** All children of the given type. */
    public List<RawBox> childrenOf(String childType) {
        List<RawBox> out = new ArrayList<>();
        for (RawBox c : children) {
            if (c.type.equals(childType)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Follows a path of child types, e.g. {@code find("mdia", "minf", "stbl")}. */
    public Optional<RawBox> find(String... path) {
        RawBox box = this;
        for (String t : path) {
            Optional<RawBox> next = box.child(t);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            box = next.get();
        }
        return Optional.of(box);
    }

    public String describe() {
        return "'" + type + "' box at offset " + fileOffset;
    }

    /** The types from the top-level box down to this one, e.g. "moov/trak[2]/mdia/minf/stbl/stsz". */
    public String path() {
        return path;
    }

    /** "'stsz' box at offset 1234 (moov/trak[2]/mdia/minf/stbl/stsz)", for messages that must say where. */
    public String describeWithPath() {
        return describe() + " (" + path + ")";
    }

    @Override
    public String toString() {
        return describe() + " (" + size + " bytes)";
    }
}
