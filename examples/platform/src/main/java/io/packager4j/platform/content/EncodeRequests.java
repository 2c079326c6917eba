package io.packager4j.platform.content;

import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.KeyId;
import io.packager4j.platform.http.ApiError;
import io.packager4j.platform.jobs.PackagingJobs;
import io.packager4j.platform.keys.KeyVault;
import io.packager4j.platform.ladder.Ladder;
import io.packager4j.platform.ladder.Transcoder;
import io.packager4j.platform.storage.ObjectInfo;
import io.packager4j.platform.storage.S3InputStorage;
import io.packager4j.platform.store.InputContent;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.Jdbc;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /encode}, the original platform's third service: package an object that is already
 * in the input bucket. The object must exist (checked with a HEAD now, so a wrong name is a 404
 * rather than a failed job); what it holds is checked by the job, which fetches it. The key and KID
 * may be given (as for {@code /packaged_content}) or left out, in which case a random pair is made:
 * the key is sealed and stored like any other and reaches players only through the licence endpoint.
 * The input row and the package row are committed together, then the job is queued. Renditions may
 * be asked for as for {@code /packaged_content}; since the object's height is only known once the job
 * has probed it, the ladder is planned there (the status lists its rungs from then on).
 */
public final class EncodeRequests {

    private static final Logger LOG = LoggerFactory.getLogger(EncodeRequests.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What was created. */
    public record Encode(InputContent input, PackagedContent pkg) {
    }

    private final DataSource dataSource;
    private final InputContentStore inputs;
    private final PackagedContentStore packages;
    private final KeyVault vault;
    private final PackagingJobs jobs;
    private final Optional<S3InputStorage> bucket;
    private final Transcoder transcoder;

    /**
     * @param bucket     the input bucket; empty when the platform has no S3 storage (every request is then refused)
     * @param transcoder makes renditions; requests for them are refused when it is unavailable
     */
    public EncodeRequests(DataSource dataSource, InputContentStore inputs, PackagedContentStore packages,
                          KeyVault vault, PackagingJobs jobs, Optional<S3InputStorage> bucket, Transcoder transcoder) {
        this.dataSource = dataSource;
        this.inputs = inputs;
        this.packages = packages;
        this.vault = vault;
        this.jobs = jobs;
        this.bucket = bucket;
        this.transcoder = transcoder;
    }

    /**
     * @param objectKey   the object's key in the input bucket ({@code video_filename})
     * @param key         the content key, or null (with {@code kid}) for a generated one
     * @param scheme      {@code cenc} (default when null) or {@code cbcs}
     * @param callbackUrl where to POST the outcome, or null
     * @param renditions  the renditions to transcode to, such as {@code ["360p", "720p"]}, or null
     * @throws ApiError 409 without S3 storage; 400 for a bad name, key, KID, scheme, callback URL or
     *                  renditions; 404 when the bucket has no such object; 422 for renditions without
     *                  a usable ffmpeg; 503 when the bucket cannot be reached
     */
    public Encode request(String objectKey, String key, String kid, String scheme, String callbackUrl,
                          List<String> renditions) throws Exception {
        S3InputStorage storage = bucket.orElseThrow(() -> new ApiError(409, "no_object_storage",
                "POST /encode packages objects of the S3 input bucket, and this platform is not configured with "
                        + "S3 storage (--s3-input-bucket, --s3-output-bucket); upload the file instead"));
        String name = ObjectNames.check(objectKey);
        ProtectionScheme protection = PackageRequests.parseScheme(scheme);
        String callback = CallbackUrls.check(callbackUrl);
        boolean given = (key != null && !key.isBlank()) || (kid != null && !kid.isBlank());
        KeyId keyId = given ? PackageRequests.parseKeyId(kid) : KeyId.of(randomBytes(KeyId.LENGTH));
        ContentKey contentKey = given ? PackageRequests.parseKey(key) : ContentKey.of(randomBytes(ContentKey.LENGTH));
        Ladder ladder = null;
        if (renditions != null) {
            ladder = Ladder.unplanned(PackageRequests.parseRenditions(renditions));
            PackageRequests.requireTranscoder(transcoder);
        }
        Ladder unplanned = ladder;

        ObjectInfo object;
        try {
            object = storage.find(name).orElseThrow(() -> new ApiError(404, "not_found",
                    "there is no object \"" + name + "\" in the input bucket " + storage.bucket()));
        } catch (IOException e) {
            LOG.warn("cannot check the object {} in the input bucket: {}", name, e.getMessage());
            throw new ApiError(503, "storage_unavailable", "the input bucket cannot be reached; try again shortly");
        }
        String sealed = vault.seal(contentKey.bytes(), keyId.bytes());
        Encode created = Jdbc.inTransaction(dataSource, c -> {
            InputContent input = inputs.insertReferenced(c, name, object.size());
            return new Encode(input, packages.insert(c, input.id(), protection, keyId.toHex(), sealed, callback,
                    unplanned));
        });
        // If the process dies between the commit and this, the startup sweep queues the job.
        jobs.enqueue(created.pkg().id());
        LOG.info("package {} of object {} ({} bytes) requested as input {}{}", created.pkg().id(), name,
                object.size(), created.input().id(), given ? "" : " with a generated key");
        return created;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
