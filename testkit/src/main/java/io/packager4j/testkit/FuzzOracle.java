package io.packager4j.testkit;

import java.util.function.Predicate;

/**
 * The verdict of a fuzz target on one input: the code under test may succeed or throw the
 * library's own exception with a clear message; anything else is a finding, reported by throwing
 * an {@link AssertionError} (which Jazzer and JUnit both report with the input that caused it).
 *
 * <p>The library's entry points turn unexpected {@link RuntimeException}s into its own exception as
 * a last line of defence, so an exception of the allowed type is not enough: its cause chain is
 * checked too. A wrapped runtime exception raised in packager4j's own code, or a wrapped
 * {@link VirtualMachineError} (out of memory, stack overflow from a worker thread), is a defect the
 * safety net hid, and is reported. Runtime exceptions raised inside mp4parser, which reads the
 * metadata boxes after our guards have checked their sizes and counts, are its validation of
 * the bytes and are accepted when wrapped (the message then names the box and the failure).
 *
 * <p>Memory is checked without relying on the heap size: the bytes the calling thread allocates
 * for one input must stay under {@link #ALLOCATION_BUDGET}. Fuzz inputs are at most a few hundred
 * kilobytes, so an input that makes the library allocate hundreds of megabytes trusts a size or
 * count it read; with a large default heap (as under {@code mvn test}) that would go unnoticed,
 * and with a smaller one it is an {@link OutOfMemoryError}.
 *
 * <p>Errors thrown directly ({@link OutOfMemoryError}, {@link StackOverflowError}) are not caught
 * here: they propagate as they are, so that Jazzer reports them as the findings they are.
 *
 * <p>The library's exception type is passed in because this module does not depend on the core.
 */
public final class FuzzOracle {

    /** The code under test for one input. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Most bytes one input may make the calling thread allocate. */
    public static final long ALLOCATION_BUDGET = 256L << 20;

    /** Package prefix of the code whose own runtime exceptions are defects. */
    private static final String OWN_CODE = "io.packager4j.";

    private FuzzOracle() {
    }

    /**
     * Runs {@code body} and judges its outcome.
     *
     * @param allowed     the library's exception type
     * @param messageTest what every message of {@code allowed} must satisfy besides not being blank
     *                    (for example, naming the input file)
     * @throws AssertionError when the outcome is a finding
     */
    public static void check(Class<? extends Exception> allowed, Predicate<String> messageTest, Body body) {
        long allocated = judge(allowed, messageTest, body);
        if (allocated > ALLOCATION_BUDGET) {
            // The first run of a code path also loads classes on this thread (and, when fuzzing,
            // instruments them), which allocates too: only what a second run allocates counts.
            allocated = judge(allowed, messageTest, body);
            if (allocated > ALLOCATION_BUDGET) {
                throw new AssertionError("one input made the thread allocate " + (allocated >> 20)
                        + " MiB, more than the " + (ALLOCATION_BUDGET >> 20)
                        + " MiB budget: a size or count read from the input is trusted");
            }
        }
    }

    /** Runs {@code body}, throws if its outcome is a finding, and returns the bytes it allocated (-1: unknown). */
    private static long judge(Class<? extends Exception> allowed, Predicate<String> messageTest, Body body) {
        long allocatedBefore = allocatedBytes();
        try {
            body.run();
        } catch (Exception e) {
            if (!allowed.isInstance(e)) {
                throw new AssertionError("threw " + e + " instead of " + allowed.getSimpleName(), e);
            }
            String message = e.getMessage();
            if (message == null || message.isBlank()) {
                throw new AssertionError(allowed.getSimpleName() + " without a message", e);
            }
            if (!messageTest.test(message)) {
                throw new AssertionError("unclear message: " + message, e);
            }
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c instanceof VirtualMachineError) {
                    throw new AssertionError("a wrapped " + c + " (message: " + message + ")", e);
                }
                if ((c instanceof RuntimeException || c instanceof AssertionError) && raisedInOwnCode(c)) {
                    throw new AssertionError("a defect hidden in a " + allowed.getSimpleName() + ": " + c
                            + " (message: " + message + ")", e);
                }
            }
        }
        return allocatedBefore < 0 ? -1 : allocatedBytes() - allocatedBefore;
    }

    /** Bytes allocated by this thread so far, or -1 where the JVM cannot tell. */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled()) {
            return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    /** {@link #check(Class, Predicate, Body)} with no requirement on messages beyond having one. */
    public static void check(Class<? extends Exception> allowed, Body body) {
        check(allowed, m -> true, body);
    }

    /**
     * Whether the innermost frame outside the JDK belongs to packager4j: an index out of bounds in
     * {@code ByteBuffer.getInt} called by our parser is our defect, not the JDK's.
     */
    static boolean raisedInOwnCode(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.")
                    || cls.startsWith("sun.")) {
                continue;
            }
            return cls.startsWith(OWN_CODE) && !cls.startsWith(OWN_CODE + "testkit.");
        }
        return false;
    }
}
