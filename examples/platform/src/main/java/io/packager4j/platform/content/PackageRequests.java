package io.packager4j.platform.content;

import io.packager4j.PackagingException;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.KeyId;
import io.packager4j.platform.http.ApiError;
import io.packager4j.platform.jobs.PackagingJobs;
import io.packager4j.platform.keys.KeyVault;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.Jdbc;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;

import javax.sql.DataSource;
import java.util.Locale;

/**
 * Accepts a packaging request: checks the input exists and the key, KID and scheme are valid, stores
 * the package with its key sealed, and queues its job. The key is checked and sealed here, so a bad
 * key is a 400 now rather than a failed job later, and it is never stored in the clear.
 */
public final class PackageRequests {

    private final DataSource dataSource;
    private final InputContentStore inputs;
    private final PackagedContentStore packages;
    private final KeyVault vault;
    private final PackagingJobs jobs;

    public PackageRequests(DataSource dataSource, InputContentStore inputs, PackagedContentStore packages,
                           KeyVault vault, PackagingJobs jobs) {
        this.dataSource = dataSource;
        this.inputs = inputs;
        this.packages = packages;
        this.vault = vault;
        this.jobs = jobs;
    }

    /**
     * @param scheme      {@code cenc} (default when null) or {@code cbcs}
     * @param callbackUrl where to POST the outcome, or null
     * @throws ApiError 400 for a bad key, KID, scheme or callback URL, 404 for an unknown input
     */
    public PackagedContent request(long inputContentId, String key, String kid, String scheme, String callbackUrl)
            throws Exception {
        ProtectionScheme protection = parseScheme(scheme);
        String callback = CallbackUrls.check(callbackUrl);
        KeyId keyId = parseKeyId(kid);
        ContentKey contentKey = parseKey(key);
        if (inputs.find(inputContentId).isEmpty()) {
            throw ApiError.notFound("input content", inputContentId);
        }
        String sealed = vault.seal(contentKey.bytes(), keyId.bytes());
        PackagedContent created = Jdbc.inTransaction(dataSource, c ->
                packages.insert(c, inputContentId, protection, keyId.toHex(), sealed, callback));
        // If the process dies between the insert and this, the startup sweep queues the job.
        jobs.enqueue(created.id());
        return created;
    }

    static ProtectionScheme parseScheme(String scheme) {
        if (scheme == null) {
            return ProtectionScheme.CENC;
        }
        return ProtectionScheme.forFourCC(scheme.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                ApiError.badRequest("bad_scheme", "scheme must be \"cenc\" or \"cbcs\", not \"" + scheme + "\""));
    }

    static KeyId parseKeyId(String kid) {
        if (kid == null || kid.isBlank()) {
            throw ApiError.badRequest("bad_kid", "\"kid\" is required: 32 hex digits, a UUID, or base64/base64url of 16 bytes");
        }
        try {
            return KeyId.parse(kid.trim());
        } catch (PackagingException e) {
            throw ApiError.badRequest("bad_kid", e.getMessage());
        }
    }

    static ContentKey parseKey(String key) {
        if (key == null || key.isBlank()) {
            throw ApiError.badRequest("bad_key", "\"key\" is required: 32 hex digits or base64/base64url of 16 bytes");
        }
        try {
            return ContentKey.parse(key.trim());
        } catch (PackagingException e) {
            // The library's message never repeats the key itself.
            throw ApiError.badRequest("bad_key", e.getMessage());
        }
    }
}
