package io.packager4j.platform.content;

import io.packager4j.MediaInfo;
import io.packager4j.MediaProbe;
import io.packager4j.PackagingException;
import io.packager4j.core.mp4.ReaderLimits;
import io.packager4j.platform.http.ApiError;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks that an upload can be packaged, with the library's reader limits and a time limit, on a
 * small pool of its own: a crafted file can neither exhaust memory (the limits) nor hold a request
 * thread (the timeout), and a flood of them queues here rather than taking the server's threads.
 */
public final class UploadProbe implements Closeable {

    private static final int THREADS = 2;
    private static final int QUEUE = 16;

    private final ReaderLimits limits;
    private final Duration timeout;
    private final ThreadPoolExecutor pool;

    public UploadProbe(ReaderLimits limits, Duration timeout) {
        this.limits = limits;
        this.timeout = timeout;
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "upload-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param name the client's name for the file, used in messages instead of the server's path
     * @throws ApiError 422 if the library refuses the file or probing takes too long, 503 when too
     *                  many uploads are being probed at once
     */
    public MediaInfo probe(String name, Path file) {
        Future<MediaInfo> result;
        try {
            result = pool.submit(() -> MediaProbe.probe(file, limits));
        } catch (RejectedExecutionException e) {
            throw new ApiError(503, "busy", "too many uploads are being checked at once; try again shortly");
        }
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw ApiError.unprocessable("probe_timeout", "\"" + name + "\" cannot be packaged: checking it took "
                    + "longer than " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PackagingException pe) {
                throw ApiError.unprocessable("not_packageable", "\"" + name + "\" cannot be packaged: "
                        + clientMessage(pe.getMessage(), file, name));
            }
            throw new IllegalStateException("probing " + file + " failed", e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted", "the server is stopping");
        }
    }

    /** The library names the temporary file; the client knows its file by its own name. */
    public static String clientMessage(String message, Path file, String name) {
        String reason = withoutPrefix(withoutPrefix(message, file + ": "), file.getFileName() + ": ");
        return reason.replace(file.toString(), name).replace(file.getFileName().toString(), name);
    }

    private static String withoutPrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
