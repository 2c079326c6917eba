package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Talks to a running platform over real HTTP, as a client would. */
final class PlatformClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The original platform's key and key ID, base64url as it sent them. */
    static final String KEY_B64URL = "hyN9IKGfWKdAwFaE5pm0qg";
    static final String KID_B64URL = "oW5AK5BW43HzbTSKpiu3SQ";
    static final String KEY_HEX = "87237d20a19f58a740c05684e699b4aa";
    static final String KID_HEX = "a16e402b9056e371f36d348aa62bb749";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PlatformClient(URI base) {
        this.base = base;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** A response with its body read as text. */
    record Reply(int status, String body, HttpResponse<?> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Reply postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    byte[] getBytes(String path) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                fail("GET " + path + " -> " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A GET with request headers (name, value, ...), its body as bytes whatever the status. */
    HttpResponse<byte[]> getRaw(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** POSTs a file as multipart/form-data in the field "file", under the given file name. */
    Reply upload(String path, Path file, String fileName) {
        String boundary = "p4j-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: video/mp4\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        try {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply upload(Path file) {
        return upload("/upload_input_content", file, file.getFileName().toString());
    }

    long uploadOk(Path file) {
        Reply r = upload(file);
        if (r.status() != 201) {
            fail("upload of " + file + " -> " + r.status() + " " + r.body());
        }
        return r.json().get("input_content_id").asLong();
    }

    long requestPackage(long inputId, String scheme) {
        Reply r = postJson("/packaged_content", "{\"input_content_id\": " + inputId + ", \"key\": \"" + KEY_B64URL
                + "\", \"kid\": \"" + KID_B64URL + "\"" + (scheme == null ? "" : ", \"scheme\": \"" + scheme + "\"") + "}");
        if (r.status() != 202) {
            fail("POST /packaged_content -> " + r.status() + " " + r.body());
        }
        return r.json().get("packaged_content_id").asLong();
    }

    /** Polls the package until {@code until} holds, returning the last status document. */
    JsonNode pollPackage(long id, Predicate<JsonNode> until, Duration timeout, Duration interval) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Reply r = get("/packaged_content/" + id);
            if (r.status() == 200) {
                last = r.json();
                if (until.test(last)) {
                    return last;
                }
            }
            sleep(interval);
        }
        throw new AssertionError("package " + id + " did not reach the expected state in " + timeout + "; last: " + last);
    }

    JsonNode awaitReady(long id) {
        JsonNode done = pollPackage(id, n -> List.of("Ready", "Failed").contains(n.get("status").asText()),
                Duration.ofSeconds(120), Duration.ofMillis(200));
        if (!"Ready".equals(done.get("status").asText())) {
            fail("package " + id + " failed: " + done);
        }
        return done;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
