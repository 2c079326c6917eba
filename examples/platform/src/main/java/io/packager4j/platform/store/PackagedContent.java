package io.packager4j.platform.store;

import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.platform.ladder.Ladder;

import java.time.OffsetDateTime;

/**
 * A packaging request and its progress.
 *
 * @param keyIdHex  the KID, 32 lower-case hex digits (not secret: it is in the manifest)
 * @param sealedKey the content key sealed under the master key (see {@code KeyVault})
 * @param progress  0 to 100
 * @param error     why it failed, for {@link PackageStatus#FAILED}
 * @param attempts  how many times a job started on it (more than one after a crash or retry)
 * @param callbackUrl where its outcome is POSTed, or null
 * @param worker    the instance (host:pid) that last started a job on it, or null before any did
 * @param ladder    the renditions to transcode the input to, or null to package the input as it is
 */
public record PackagedContent(long id, long inputContentId, ProtectionScheme scheme, String keyIdHex,
                              String sealedKey, PackageStatus status, int progress, String error, int attempts,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt, String callbackUrl,
                              String worker, Ladder ladder) {

    @Override
    public String toString() {
        return "PackagedContent[id=" + id + ", input=" + inputContentId + ", scheme=" + scheme + ", kid=" + keyIdHex
                + ", status=" + status + ", progress=" + progress + ", attempts=" + attempts + ", worker=" + worker
                + (ladder == null ? "" : ", renditions=" + ladder.rungsColumn()) + "]";
    }
}
