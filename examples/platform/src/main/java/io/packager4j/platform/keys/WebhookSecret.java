package io.packager4j.platform.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** The shared secret webhooks are signed with: configured, or generated once into the data directory. */
public final class WebhookSecret {

    public static final String FILE_NAME = "webhook.secret";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSecret.class);

    private WebhookSecret() {
    }

    /** The configured secret, else the one in {@code dataDir/webhook.secret} (created if missing). */
    public static String load(String configuredOrNull, Path dataDir) throws IOException {
        if (configuredOrNull != null && !configuredOrNull.isBlank()) {
            return configuredOrNull;
        }
        Path file = dataDir.resolve(FILE_NAME);
        boolean[] created = new boolean[1];
        String secret = SecretFile.readOrCreate(file, WebhookSecret::generate, created);
        if (created[0]) {
            LOG.info("Generated a webhook signing secret in {}: give it to your callback receivers", file);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: delete it to generate a new webhook secret");
        }
        return secret;
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
