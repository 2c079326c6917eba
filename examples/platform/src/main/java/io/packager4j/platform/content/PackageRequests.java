package io.packager4j.platform.content;

import io.packager4j.PackagingException;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.KeyId;
import io.packager4j.platform.http.ApiError;
import io.packager4j.platform.jobs.PackagingJobs;
import io.packager4j.platform.keys.KeyVault;
import io.packager4j.platform.ladder.Ladder;
import io.packager4j.platform.ladder.Rendition;
import io.packager4j.platform.ladder.Transcoder;
import io.packager4j.platform.store.InputContent;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.Jdbc;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;

import javax.sql.DataSource;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Accepts a packaging request: checks the input exists and the key, KID and scheme are valid, stores
 * the package with its key sealed, and queues its job. The key is checked and sealed here, so a bad
 * key is a 400 now rather than a failed job later, and it is never stored in the clear.
 *
 * <p>A request may ask for renditions (an ABR ladder, see {@link Ladder}): they are checked here too,
 * and planned from the input's stored probe, so the package's status says from the start which
 * renditions will be made. Only such requests need ffmpeg; without it they get a 422.
 */
public final class PackageRequests {

    private final DataSource dataSource;
    private final InputContentStore inputs;
    private final PackagedContentStore packages;
    private final KeyVault vault;
    private final PackagingJobs jobs;
    private final Transcoder transcoder;

    public PackageRequests(DataSource dataSource, InputContentStore inputs, PackagedContentStore packages,
                           KeyVault vault, PackagingJobs jobs, Transcoder transcoder) {
        this.dataSource = dataSource;
        this.inputs = inputs;
        this.packages = packages;
        this.vault = vault;
        this.jobs = jobs;
        this.transcoder = transcoder;
    }

    /**
     * @param scheme      {@code cenc} (default when null) or {@code cbcs}
     * @param callbackUrl where to POST the outcome, or null
     * @throws ApiError 400 for a bad key, KID, scheme or callback URL, 404 for an unknown input
     */
    public PackagedContent request(long inputContentId, String key, String kid, String scheme, String callbackUrl)
            throws Exception {
        return request(inputContentId, key, kid, scheme, callbackUrl, null);
    }

    /**
     * @param renditions the renditions to transcode to, such as {@code ["360p", "720p"]}, or null to
     *                   package the input as it is
     * @throws ApiError 400 for a bad key, KID, scheme, callback URL or renditions, 404 for an unknown
     *                  input, 422 for renditions when this server has no usable ffmpeg or the input
     *                  has no video
     */
    public PackagedContent request(long inputContentId, String key, String kid, String scheme, String callbackUrl,
                                   List<String> renditions) throws Exception {
        ProtectionScheme protection = parseScheme(scheme);
        String callback = CallbackUrls.check(callbackUrl);
        KeyId keyId = parseKeyId(kid);
        ContentKey contentKey = parseKey(key);
        List<Rendition> wanted = renditions == null ? null : parseRenditions(renditions);
        InputContent input = inputs.find(inputContentId).orElseThrow(() ->
                ApiError.notFound("input content", inputContentId));
        Ladder ladder = wanted == null ? null : plan(wanted, input);
        String sealed = vault.seal(contentKey.bytes(), keyId.bytes());
        PackagedContent created = Jdbc.inTransaction(dataSource, c ->
                packages.insert(c, inputContentId, protection, keyId.toHex(), sealed, callback, ladder));
        // If the process dies between the insert and this, the startup sweep queues the job.
        jobs.enqueue(created.id());
        return created;
    }

    static List<Rendition> parseRenditions(List<String> names) {
        try {
            return Rendition.parseAll(names);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad_renditions", e.getMessage());
        }
    }

    /** The ladder made from this input: needs ffmpeg, and a video track whose height caps the renditions. */
    private Ladder plan(List<Rendition> wanted, InputContent input) {
        requireTranscoder(transcoder);
        OptionalInt height = Ladder.videoHeight(input.tracks());
        if (height.isEmpty() || height.getAsInt() < 2) {
            throw ApiError.unprocessable("no_video", "input content " + input.id() + " has no video track to make "
                    + "renditions of (" + input.tracks() + ")");
        }
        return Ladder.plan(wanted, height.getAsInt());
    }

    /** Renditions need ffmpeg: 422 without a usable one. */
    static void requireTranscoder(Transcoder transcoder) {
        if (!transcoder.available()) {
            // The reason (which names the server's ffmpeg path) is in the server's start-up log.
            throw ApiError.unprocessable("transcoder_unavailable", "\"renditions\" need ffmpeg, which this server "
                    + "does not have (or cannot use); leave \"renditions\" out to package the input as it is");
        }
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
