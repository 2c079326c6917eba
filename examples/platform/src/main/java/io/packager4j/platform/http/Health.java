package io.packager4j.platform.http;

import io.javalin.Javalin;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: 200 when the database answers, 503 when it does not. */
public final class Health {

    private static final int DB_CHECK_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public Health(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void register(Javalin app) {
        app.get("/health", ctx -> {
            boolean db = databaseAnswers();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", db ? "UP" : "DOWN");
            body.put("database", db ? "UP" : "DOWN");
            ctx.status(db ? 200 : 503).header("Cache-Control", "no-store").json(body);
        });
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(DB_CHECK_TIMEOUT_SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
