package io.packager4j.platform.store;

import java.time.OffsetDateTime;

/**
 * An uploaded source file, probed as packageable before it was kept.
 *
 * @param fileName the client's file name (display only; never used as a path)
 * @param tracks   a one-line description of its tracks, e.g. {@code video avc1.64001f 1280x720, audio mp4a.40.2}
 */
public record InputContent(long id, String fileName, long sizeBytes, double durationSeconds, String tracks,
                           String status, OffsetDateTime createdAt) {

    /** The only status an input has: it was received and probed. */
    public static final String INGESTED = "Ingested";
}
