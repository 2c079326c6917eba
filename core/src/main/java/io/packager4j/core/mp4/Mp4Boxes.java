package io.packager4j.core.mp4;

import java.util.Set;

/** Box-type facts the reader relies on. */
final class Mp4Boxes {

    private static final Set<String> TOP_LEVEL = Set.of(
            "ftyp", "styp", "moov", "moof", "mdat", "free", "skip", "wide", "sidx", "pdin", "uuid", "mfra",
            "emsg", "prft", "meta", "ssix");

    /** Boxes whose payload is nothing but child boxes. */
    private static final Set<String> CONTAINERS = Set.of(
            "moov", "trak", "mdia", "minf", "stbl", "edts", "mvex", "dinf", "moof", "traf", "mfra");

    private Mp4Boxes() {
    }

    static boolean isKnownTopLevel(String type) {
        return TOP_LEVEL.contains(type);
    }

    static boolean isContainer(String type) {
        return CONTAINERS.contains(type);
    }
}
