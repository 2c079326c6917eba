package io.packager4j.platform.store;

import java.time.OffsetDateTime;

/**
 * An uploaded source file, probed as packageable before it was kept.
 *
 * @param fileName the client's file name (display only; never used as a path)
 * @param tracks   a one-line description of its tracks, e.g. {@code video avc1.64001f 1280x720, audio mp4a.40.2}
 * @param objectKey where it is in the input bucket with S3 storage; null on local disk
 * @param external  the object is a client's, named in {@code POST /encode} (never deleted by the platform)
 */
public record InputContent(long id, String fileName, long sizeBytes, double durationSeconds, String tracks,
                           String status, OffsetDateTime createdAt, String objectKey, boolean external) {

    /** It was received and probed (an upload), or probed by its first packaging job ({@code POST /encode}). */
    public static final String INGESTED = "Ingested";
    /** An object named in {@code POST /encode}, not probed yet: duration and tracks are unknown. */
    public static final String REFERENCED = "Referenced";
}
