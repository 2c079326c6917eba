package io.packager4j.platform.http;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real Javalin on 127.0.0.1 and a free port, with the platform's error responses and the
 * classpath folder {@code web} served under {@code /web} (as the platform's Main does), for tests
 * that talk HTTP to routes.
 */
public final class TestServer implements AutoCloseable {

    private final Javalin app;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Javalin app) {
        this.app = app;
    }

    /** Starts a server after {@code routes} has registered what the test needs. */
    public static TestServer start(Consumer<Javalin> routes) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/web";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
        });
        ErrorResponses.install(app);
        routes.accept(app);
        app.start("127.0.0.1", 0);
        return new TestServer(app);
    }

    /** {@code http://127.0.0.1:PORT} + {@code pathAndQuery}, taken as it is (nothing is normalised). */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    }

    public HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    @Override
    public void close() {
        app.stop();
    }
}
