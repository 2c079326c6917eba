package io.packager4j.platform.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Adobe S3Mock, an S3-compatible server, run for a test from its executable jar (Maven Central's
 * {@code com.adobe.testing:s3mock:<version>:exec}, copied by the build to the path in the system
 * property {@code packager4j.s3mock.jar}) in a JVM of its own, on a free HTTP port of 127.0.0.1,
 * storing into a folder of the test. {@link #client()} is an SDK client of the test's own, for
 * checking buckets independently of the platform's code.
 */
public final class S3MockServer implements AutoCloseable {

    /** S3Mock accepts any credentials; these are what tests hand the platform through its environment. */
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final URI endpoint;
    private final S3Client client;

    private S3MockServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    /** Starts S3Mock storing under {@code root} (its log in {@code root.log}) and waits until it answers. */
    public static S3MockServer start(Path root) throws IOException {
        String jar = System.getProperty("packager4j.s3mock.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Mock's jar is missing (system property packager4j.s3mock.jar = " + jar
                    + "): run the tests through Maven, which copies it from Maven Central");
        }
        Files.createDirectories(root);
        int http = freePort();
        Path log = root.resolveSibling(root.getFileName() + ".log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--server.port=" + freePort(), // HTTPS, unused
                "--com.adobe.testing.s3mock.httpPort=" + http,
                "--com.adobe.testing.s3mock.store.root=" + root.toAbsolutePath());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        S3MockServer server = new S3MockServer(p, URI.create("http://127.0.0.1:" + http));
        try {
            server.awaitReady(log);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    /** Every object of the bucket, key to size. */
    public Map<String, Long> objects(String bucket) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .collect(java.util.stream.Collectors.toMap(S3Object::key, S3Object::size));
    }

    public byte[] bytes(String bucket, String key) {
        return client.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    /** The ETag S3Mock gives the object (for a multipart upload, {@code "<md5 of the parts' md5s>-<parts>"}). */
    public String etag(String bucket, String key) {
        return client.headObject(b -> b.bucket(bucket).key(key)).eTag();
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("S3Mock exited with " + process.exitValue() + " at start; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("S3Mock did not answer in " + START_TIMEOUT + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
