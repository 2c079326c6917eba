package io.packager4j.platform;

import io.packager4j.platform.storage.ObjectStorageConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the platform is configured with. {@link Main} fills it from flags and environment
 * variables; tests build it directly. Defaults give a zero set-up instance: H2 in {@code ./data/db},
 * media under {@code ./data}, port 8080.
 *
 * @param port            HTTP port (0 picks a free one)
 * @param dataDir         where uploads, work directories, packages and the H2 database live
 * @param jdbcUrl         database URL; null means the H2 file database inside {@code dataDir}
 * @param dbUser          database user
 * @param dbPassword      database password
 * @param maxUploadBytes  largest accepted upload
 * @param publicUrl       base URL written into responses (e.g. https://video.example.com); null means
 *                        the URL the client used to reach the server
 * @param masterKey       base64 or hex 256-bit key protecting content keys at rest and signing licence
 *                        tokens; null means a key generated once into {@code dataDir/master.key}
 * @param workers         packaging jobs run at the same time by this instance
 * @param tokenTtl        lifetime of the licence tokens handed out by the play page
 * @param heartbeat       job engine heartbeat; a job whose instance missed a few is taken over
 * @param segmentDuration target DASH segment duration
 * @param probeTimeout    longest an upload's check by the library may take before it is refused
 * @param webhookSecret   shared secret signing webhooks; null means one generated once into
 *                        {@code dataDir/webhook.secret}
 * @param ffmpeg          the ffmpeg that makes renditions (ABR ladders): a path, or a name looked up
 *                        on the PATH; null means {@code ffmpeg}. Only requests with renditions need it.
 * @param objectStorage   S3 buckets for inputs and presentations; null means local disk under {@code dataDir}
 */
public record PlatformConfig(int port, Path dataDir, String jdbcUrl, String dbUser, String dbPassword,
                             long maxUploadBytes, String publicUrl, String masterKey, int workers,
                             Duration tokenTtl, Duration heartbeat, Duration segmentDuration,
                             Duration probeTimeout, String webhookSecret, String ffmpeg,
                             ObjectStorageConfig objectStorage) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 2L * 1024 * 1024 * 1024;
    public static final String DEFAULT_FFMPEG = "ffmpeg";
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

    public PlatformConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be positive, not " + maxUploadBytes);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        if (publicUrl != null && publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
        if (probeTimeout == null || probeTimeout.isNegative() || probeTimeout.isZero()) {
            throw new IllegalArgumentException("the probe timeout must be positive, not " + probeTimeout);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        if (ffmpeg == null || ffmpeg.isBlank()) {
            ffmpeg = DEFAULT_FFMPEG;
        }
    }

    /** The defaults, with data in {@code dataDir}. */
    public static PlatformConfig defaults(Path dataDir) {
        return new PlatformConfig(8080, dataDir, null, "sa", "", DEFAULT_MAX_UPLOAD_BYTES, null, null, 1,
                Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(30), null, null, null);
    }

    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:h2:file:" + dataDir.resolve("db").resolve("platform");
    }

    /** The URL for logs: a password given in it ({@code ?password=...}, as PostgreSQL's driver allows) masked. */
    public String loggableJdbcUrl() {
        return PASSWORD_IN_URL.matcher(effectiveJdbcUrl()).replaceAll("$1***");
    }

    public PlatformConfig withPort(int newPort) {
        return new PlatformConfig(newPort, dataDir, jdbcUrl, dbUser, dbPassword, maxUploadBytes, publicUrl,
                masterKey, workers, tokenTtl, heartbeat, segmentDuration, probeTimeout, webhookSecret, ffmpeg, objectStorage);
    }

    public PlatformConfig withMaxUploadBytes(long bytes) {
        return new PlatformConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, bytes, publicUrl,
                masterKey, workers, tokenTtl, heartbeat, segmentDuration, probeTimeout, webhookSecret, ffmpeg, objectStorage);
    }

    public PlatformConfig withHeartbeat(Duration newHeartbeat) {
        return new PlatformConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, maxUploadBytes, publicUrl,
                masterKey, workers, tokenTtl, newHeartbeat, segmentDuration, probeTimeout, webhookSecret, ffmpeg, objectStorage);
    }

    public PlatformConfig withProbeTimeout(Duration timeout) {
        return new PlatformConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, maxUploadBytes, publicUrl,
                masterKey, workers, tokenTtl, heartbeat, segmentDuration, timeout, webhookSecret, ffmpeg, objectStorage);
    }

    public PlatformConfig withWebhookSecret(String secret) {
        return new PlatformConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, maxUploadBytes, publicUrl,
                masterKey, workers, tokenTtl, heartbeat, segmentDuration, probeTimeout, secret, ffmpeg, objectStorage);
    }

    public PlatformConfig withObjectStorage(ObjectStorageConfig storage) {
        return new PlatformConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, maxUploadBytes, publicUrl,
                masterKey, workers, tokenTtl, heartbeat, segmentDuration, probeTimeout, webhookSecret, ffmpeg, storage);
    }

    public PlatformConfig withFfmpeg(String newFfmpeg) {
        return new PlatformConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, maxUploadBytes, publicUrl,
                masterKey, workers, tokenTtl, heartbeat, segmentDuration, probeTimeout, webhookSecret, newFfmpeg,
                objectStorage);
    }

    @Override
    public String toString() {
        // The master key and database password stay out of logs.
        return "PlatformConfig[port=" + port + ", dataDir=" + dataDir + ", jdbcUrl=" + loggableJdbcUrl()
                + ", maxUploadBytes=" + maxUploadBytes + ", publicUrl=" + publicUrl + ", workers=" + workers
                + ", masterKey=" + (masterKey == null ? "generated" : "configured") + ", ffmpeg=" + ffmpeg
                + ", storage=" + (objectStorage == null ? "local disk" : objectStorage) + "]";
    }
}
