package io.packager4j.platform.storage;

import java.time.Instant;

/**
 * What a HEAD of an object says.
 *
 * @param etag the entity tag as the store gives it, in double quotes (for a multipart upload S3's
 *             is {@code "<hash>-<parts>"})
 */
public record ObjectInfo(long size, Instant lastModified, String etag) {
}
