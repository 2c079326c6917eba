package io.packager4j.crypto;

import io.packager4j.PackagingException;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The DRM system IDs (the {@code pssh} SystemID, {@code urn:uuid:} in a manifest) packager4j knows by name. */
public final class DrmSystems {

    /** W3C EME Clear Key, as DASH-IF signals it. */
    public static final UUID CLEAR_KEY = UUID.fromString("e2719d58-a985-b3c9-781a-b030af78d30e");
    /** W3C Common PSSH box format: key IDs only, understood by Clear Key implementations. */
    public static final UUID COMMON = UUID.fromString("1077efec-c0b2-4d02-ace3-3c1e52e2fb4b");
    /** Google Widevine. */
    public static final UUID WIDEVINE = UUID.fromString("edef8ba9-79d6-4ace-a3c8-27dcd51d21ed");
    /** Microsoft PlayReady. */
    public static final UUID PLAYREADY = UUID.fromString("9a04f079-9840-4286-ab92-e65be0885f95");

    private static final Map<String, UUID> NAMES = Map.of(
            "clearkey", CLEAR_KEY, "common", COMMON, "widevine", WIDEVINE, "playready", PLAYREADY);

    private DrmSystems() {
    }

    /**
     * Reads a system ID given by name ({@code widevine}, {@code playready}, {@code clearkey},
     * {@code common}, any case) or as a UUID, with or without dashes.
     *
     * @throws PackagingException if {@code text} is neither
     */
    public static UUID parse(String text) throws PackagingException {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        UUID named = NAMES.get(t);
        if (named != null) {
            return named;
        }
        String hex = t.length() == 36 && t.charAt(8) == '-' && t.charAt(13) == '-' && t.charAt(18) == '-'
                && t.charAt(23) == '-' ? t.replace("-", "") : t;
        if (hex.length() == 32 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                    Long.parseUnsignedLong(hex.substring(16), 16));
        }
        throw new PackagingException("DRM system ID '" + text + "' is neither a name ("
                + String.join(", ", new java.util.TreeSet<>(NAMES.keySet())) + ") nor a UUID");
    }

    /** A readable name for messages: "Widevine", or the UUID. */
    public static String describe(UUID systemId) {
        if (WIDEVINE.equals(systemId)) {
            return "Widevine";
        }
        if (PLAYREADY.equals(systemId)) {
            return "PlayReady";
        }
        if (CLEAR_KEY.equals(systemId)) {
            return "ClearKey";
        }
        if (COMMON.equals(systemId)) {
            return "Common PSSH";
        }
        return systemId.toString();
    }
}
