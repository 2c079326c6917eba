package io.packager4j.crypto.decrypt;

import io.packager4j.PackagingException;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.KeyId;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The content keys that decrypt encrypted input tracks, by key ID. Immutable and thread-safe.
 *
 * <pre>{@code
 * DecryptionKeys keys = DecryptionKeys.builder()
 *         .add("cd7eb9ff88f34caeb06185b00024e4c2", "63cb5f7184dd4b689a5c5ff11ee6a328")
 *         .build();
 * }</pre>
 *
 * <p>Keys are secret: {@link #toString()} lists the key IDs only.
 */
public final class DecryptionKeys {

    private static final DecryptionKeys NONE = new DecryptionKeys(Map.of());

    private final Map<KeyId, ContentKey> keys;

    private DecryptionKeys(Map<KeyId, ContentKey> keys) {
        this.keys = keys;
    }

    /** @return no keys at all */
    public static DecryptionKeys none() {
        return NONE;
    }

    /**
     * One key.
     *
     * @param keyId its key ID
     * @param key   the content key
     * @return the set holding that key
     */
    public static DecryptionKeys of(KeyId keyId, ContentKey key) {
        return builder().add(keyId, key).build();
    }

    /**
     * A copy of a map of keys.
     *
     * @param keys key IDs to content keys; no nulls
     * @return the set holding those keys
     */
    public static DecryptionKeys of(Map<KeyId, ContentKey> keys) {
        Builder b = builder();
        keys.forEach(b::add);
        return b.build();
    }

    /** @return a builder with no keys */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The key for a key ID.
     *
     * @param keyId the key ID
     * @return its content key, if known
     */
    public Optional<ContentKey> find(KeyId keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** @return the key IDs that have a key, in the order they were added */
    public Set<KeyId> keyIds() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** @return how many keys there are */
    public int size() {
        return keys.size();
    }

    /** @return true if there is no key */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** @return "DecryptionKeys[key IDs: ...]": the key IDs, never the keys */
    @Override
    public String toString() {
        return "DecryptionKeys[key IDs: " + String.join(", ", keys.keySet().stream().map(KeyId::toHex).toList()) + "]";
    }

    /** Collects keys; a later key for the same key ID replaces the earlier one. Not thread-safe. */
    public static final class Builder {
        private final Map<KeyId, ContentKey> keys = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a key.
         *
         * @param keyId the key ID
         * @param key   the content key
         * @return this builder
         */
        public Builder add(KeyId keyId, ContentKey key) {
            keys.put(Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(key, "key"));
            return this;
        }

        /**
         * Adds a key given as text (hex, UUID or base64; see {@link io.packager4j.crypto.KeyParser}).
         *
         * @param keyId the key ID text
         * @param key   the key text
         * @return this builder
         * @throws PackagingException if either text is not a 16-byte value; the message never
         *                            contains the key
         */
        public Builder add(String keyId, String key) throws PackagingException {
            return add(KeyId.parse(keyId), ContentKey.parse(key));
        }

        /** @return the immutable key set */
        public DecryptionKeys build() {
            return keys.isEmpty() ? NONE : new DecryptionKeys(Collections.unmodifiableMap(new LinkedHashMap<>(keys)));
        }
    }
}
