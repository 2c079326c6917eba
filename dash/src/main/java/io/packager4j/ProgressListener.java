package io.packager4j;

/**
 * Receives packaging progress. Called from packaging threads, possibly concurrently, at most a
 * few hundred times per run; implementations should return quickly.
 *
 * <pre>{@code
 * Packager.builder().input(in).output(out)
 *         .progressListener(p -> System.err.printf("%3.0f%%%n", p.fraction() * 100))
 *         .build().run();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(Progress progress);

    /**
     * @param processedBytes input media bytes packaged so far
     * @param totalBytes     input media bytes to package in all
     */
    record Progress(long processedBytes, long totalBytes) {

        /** Between 0 and 1. */
        public double fraction() {
            return totalBytes <= 0 ? 1.0 : Math.min(1.0, processedBytes / (double) totalBytes);
        }
    }
}
