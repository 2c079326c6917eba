package io.packager4j.platform;

import io.packager4j.platform.storage.ObjectStorageConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the platform. Every flag has an environment variable of the same meaning, so it runs the
 * same from a shell, a container or a service manager:
 *
 * <pre>
 * java -jar packager4j-platform.jar [--port 8080] [--data-dir ./data] [--db-url JDBC_URL ...]
 * </pre>
 */
@Command(name = "packager4j-platform", mixinStandardHelpOptions = true,
        description = "Upload MP4 files, package them to encrypted MPEG-DASH in the background, and stream them.")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:PORT:-8080}", description = "HTTP port (env PORT; default 8080)")
    int port;

    @Option(names = "--data-dir", defaultValue = "${env:PLATFORM_DATA_DIR:-data}",
            description = "uploads, packages and the H2 database (env PLATFORM_DATA_DIR; default ./data)")
    Path dataDir;

    @Option(names = "--db-url", defaultValue = "${env:PLATFORM_DB_URL}",
            description = "JDBC URL (env PLATFORM_DB_URL; default: H2 file database in the data directory)")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:PLATFORM_DB_USER:-sa}", description = "env PLATFORM_DB_USER")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:PLATFORM_DB_PASSWORD:-}",
            description = "env PLATFORM_DB_PASSWORD")
    String dbPassword;

    @Option(names = "--max-upload-mb", defaultValue = "${env:PLATFORM_MAX_UPLOAD_MB:-2048}",
            description = "largest accepted upload in MiB (env PLATFORM_MAX_UPLOAD_MB; default 2048)")
    long maxUploadMb;

    @Option(names = "--public-url", defaultValue = "${env:PLATFORM_PUBLIC_URL}",
            description = "base URL put in responses, e.g. https://video.example.com (env PLATFORM_PUBLIC_URL; "
                    + "default: the URL the client used)")
    String publicUrl;

    @Option(names = "--master-key", defaultValue = "${env:PLATFORM_MASTER_KEY}",
            description = "256-bit key (base64 or hex) sealing content keys and signing licence tokens "
                    + "(env PLATFORM_MASTER_KEY; default: generated once into DATA_DIR/master.key)")
    String masterKey;

    @Option(names = "--workers", defaultValue = "${env:PLATFORM_WORKERS:-1}",
            description = "packaging jobs run at once by this instance (env PLATFORM_WORKERS; default 1)")
    int workers;

    @Option(names = "--token-ttl", defaultValue = "${env:PLATFORM_TOKEN_TTL:-PT10M}",
            description = "lifetime of play-page licence tokens, ISO-8601 (env PLATFORM_TOKEN_TTL; default PT10M)")
    Duration tokenTtl;

    @Option(names = "--heartbeat", defaultValue = "${env:PLATFORM_HEARTBEAT:-PT5S}",
            description = "job heartbeat; a job whose instance missed 4 is taken over (env PLATFORM_HEARTBEAT)")
    Duration heartbeat;

    @Option(names = "--segment-duration", defaultValue = "${env:PLATFORM_SEGMENT_SECONDS:-4}",
            description = "target segment duration in seconds (env PLATFORM_SEGMENT_SECONDS; default 4)")
    double segmentSeconds;

    @Option(names = "--probe-timeout", defaultValue = "${env:PLATFORM_PROBE_TIMEOUT:-PT30S}",
            description = "longest the check of an upload may take, ISO-8601 (env PLATFORM_PROBE_TIMEOUT; default PT30S)")
    Duration probeTimeout;

    @Option(names = "--webhook-secret", defaultValue = "${env:PLATFORM_WEBHOOK_SECRET}",
            description = "shared secret signing callback_url webhooks (env PLATFORM_WEBHOOK_SECRET; default: "
                    + "generated once into DATA_DIR/webhook.secret)")
    String webhookSecret;

    @Option(names = "--ffmpeg", defaultValue = "${env:PLATFORM_FFMPEG:-ffmpeg}",
            description = "ffmpeg for renditions (ABR ladders), a path or a name on the PATH (env PLATFORM_FFMPEG; "
                    + "default ffmpeg); without a usable one, requests with \"renditions\" get 422")
    String ffmpeg;

    @Option(names = "--s3-input-bucket", defaultValue = "${env:PLATFORM_S3_INPUT_BUCKET}",
            description = "keep inputs in this S3 bucket, and package its objects with POST /encode; with "
                    + "--s3-output-bucket, turns S3 storage on (env PLATFORM_S3_INPUT_BUCKET; default: local disk). "
                    + "Credentials: the AWS SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, role)")
    String s3InputBucket;

    @Option(names = "--s3-output-bucket", defaultValue = "${env:PLATFORM_S3_OUTPUT_BUCKET}",
            description = "publish presentations to this S3 bucket, under packages/{id}/ (env PLATFORM_S3_OUTPUT_BUCKET)")
    String s3OutputBucket;

    @Option(names = "--s3-endpoint", defaultValue = "${env:PLATFORM_S3_ENDPOINT}",
            description = "URL of an S3-compatible server, e.g. http://localhost:9000 (env PLATFORM_S3_ENDPOINT; "
                    + "default: AWS)")
    String s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "${env:PLATFORM_S3_REGION:-us-east-1}",
            description = "S3 region (env PLATFORM_S3_REGION; default us-east-1)")
    String s3Region;

    @Option(names = "--s3-path-style", defaultValue = "${env:PLATFORM_S3_PATH_STYLE:-false}", arity = "0..1",
            description = "path-style addresses (http://host/bucket/key), which most S3-compatible servers need "
                    + "(env PLATFORM_S3_PATH_STYLE; default false)")
    boolean s3PathStyle;

    @Option(names = "--s3-part-size-mb", defaultValue = "${env:PLATFORM_S3_PART_SIZE_MB:-16}",
            description = "objects larger than this go by multipart upload in parts of this size, 5 to 5120 MiB "
                    + "(env PLATFORM_S3_PART_SIZE_MB; default 16)")
    long s3PartSizeMb;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main()).registerConverter(Duration.class, Duration::parse);
        // A configuration or start-up problem is one line for the operator; details are in the log.
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            LoggerFactory.getLogger(Main.class).debug("start-up failure", e);
            line.getErr().println("error: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PlatformConfig config = new PlatformConfig(port, dataDir, blankToNull(dbUrl), dbUser, dbPassword,
                maxUploadMb * 1024 * 1024, blankToNull(publicUrl), blankToNull(masterKey), workers, tokenTtl,
                heartbeat, Duration.ofMillis(Math.round(segmentSeconds * 1000)), probeTimeout,
                blankToNull(webhookSecret), blankToNull(ffmpeg),
                ObjectStorageConfig.fromOptions(s3Endpoint, s3Region, s3InputBucket, s3OutputBucket, s3PathStyle,
                        s3PartSizeMb));
        Platform platform = Platform.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "platform-shutdown"));
        stopped.await();
        return 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
