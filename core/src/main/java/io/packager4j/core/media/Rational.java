package io.packager4j.core.media;

/**
 * A positive fraction such as a frame rate (30000/1001) or a sample aspect ratio (4:3), kept
 * reduced so that equal values compare equal.
 */
public record Rational(long numerator, long denominator) {

    public Rational {
        if (numerator < 0 || denominator <= 0) {
            throw new IllegalArgumentException("not a positive fraction: " + numerator + "/" + denominator);
        }
        long g = gcd(numerator, denominator);
        if (g > 1) {
            numerator /= g;
            denominator /= g;
        }
    }

    public static Rational of(long numerator, long denominator) {
        return new Rational(numerator, denominator);
    }

    public double toDouble() {
        return (double) numerator / denominator;
    }

    /** "30" for whole numbers, otherwise "30000/1001" (the form of MPD frameRate). */
    public String toFrameRateString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }

    /** "4:3" (the form of MPD sar and par). */
    public String toRatioString() {
        return numerator + ":" + denominator;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }
}
