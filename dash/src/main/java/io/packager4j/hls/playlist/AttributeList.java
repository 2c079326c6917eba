package io.packager4j.hls.playlist;

import java.math.BigDecimal;

/**
 * Builds one tag's attribute list (RFC 8216 section 4.2): {@code NAME=value} pairs separated by
 * commas, each value in the form the RFC gives its type. Quoted strings may hold neither a double
 * quote nor a line break, and enumerated strings no comma, quote or white space: anything else would
 * change how the list is split, so it is refused rather than escaped (HLS has no escapes).
 */
final class AttributeList {

    private final StringBuilder text = new StringBuilder();

    /** {@code NAME="value"}. */
    AttributeList quoted(String name, String value) {
        requireQuotable(name, value);
        return append(name, '"' + value + '"');
    }

    /** {@code NAME=VALUE}, an enumerated string such as {@code YES} or {@code SAMPLE-AES}. */
    AttributeList enumerated(String name, String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ',' && c != '"')) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not an enumerated string");
        }
        return append(name, value);
    }

    /** {@code NAME=123}, a decimal integer. */
    AttributeList integer(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " is negative");
        }
        return append(name, Long.toString(value));
    }

    /** {@code NAME=29.97}, a decimal floating point number. */
    AttributeList decimal(String name, BigDecimal value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + ": " + value + " is negative");
        }
        return append(name, value.toPlainString());
    }

    /** {@code NAME=1280x720}, a decimal resolution. */
    AttributeList resolution(String name, long width, long height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(name + ": " + width + "x" + height + " is not a resolution");
        }
        return append(name, width + "x" + height);
    }

    /** {@code NAME=0x...}, a hexadecimal sequence. */
    AttributeList hex(String name, byte[] bytes) {
        StringBuilder hex = new StringBuilder("0x");
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return append(name, hex.toString());
    }

    private AttributeList append(String name, String value) {
        if (!name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
            throw new IllegalArgumentException("'" + name + "' is not an attribute name");
        }
        if (!text.isEmpty()) {
            text.append(',');
        }
        text.append(name).append('=').append(value);
        return this;
    }

    /** A quoted string must not contain a double quote, CR or LF (RFC 8216 section 4.2). */
    static void requireQuotable(String what, String value) {
        if (value == null || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + ": '" + value + "' cannot be a quoted string");
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
