package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;

import java.util.Arrays;

/**
 * The parameter sets of one kind (SPS or PPS) in force for a track, by id, with the bytes each was
 * parsed from.
 *
 * <p>Streams with in-band parameter sets ({@code avc3}, {@code hev1}) usually repeat the same ones
 * before every key frame; keeping the bytes lets {@link #update} recognise a repeat with a byte
 * comparison instead of parsing (and allocating) again.
 *
 * @param <T> the parsed form
 */
final class ParameterSets<T> {

    /** Parses an escaped parameter set NAL unit, header included. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(byte[] data, int off, int len) throws PackagingException;
    }

    /** The id a parsed parameter set is stored under. */
    @FunctionalInterface
    interface IdOf<T> {
        int id(T parsed);
    }

    private final String kind;
    private final Parser<T> parser;
    private final IdOf<T> idOf;
    private final byte[][] raw;
    private final Object[] parsed;

    /**
     * @param kind     "SPS" or "PPS", for messages
     * @param maxId    the largest id the codec allows
     */
    ParameterSets(String kind, int maxId, Parser<T> parser, IdOf<T> idOf) {
        this.kind = kind;
        this.parser = parser;
        this.idOf = idOf;
        this.raw = new byte[maxId + 1][];
        this.parsed = new Object[maxId + 1];
    }

    /**
     * Takes a parameter set NAL unit (escaped, header included), replacing the one with the same
     * id. Returns at once when the bytes equal a set already held.
     */
    void update(byte[] data, int off, int len) throws PackagingException {
        for (byte[] known : raw) {
            if (known != null && Arrays.equals(known, 0, known.length, data, off, off + len)) {
                return;
            }
        }
        T value = parser.parse(data, off, len);
        int id = idOf.id(value);
        if (id < 0 || id >= raw.length) {
            // The parsers bound ids; this guards against a parser that does not.
            throw new PackagingException(kind + " id " + id + " is outside 0.." + (raw.length - 1));
        }
        raw[id] = Arrays.copyOfRange(data, off, off + len);
        parsed[id] = value;
    }

    /**
     * The set with this id.
     *
     * @param r the reader of the slice header that refers to it, for the error message
     * @throws PackagingException if no such set was seen
     */
    @SuppressWarnings("unchecked")
    T get(int id, RbspBitReader r) throws PackagingException {
        Object value = id >= 0 && id < parsed.length ? parsed[id] : null;
        if (value == null) {
            throw r.error("refers to " + kind + " " + id + ", which neither the decoder configuration nor an"
                    + " earlier NAL unit of the stream defined");
        }
        return (T) value;
    }
}
