package io.packager4j.platform.license;

import java.util.Optional;

/**
 * Where the licence endpoint finds a package's content key; the platform implements it over its
 * store (opening the sealed key with the key vault).
 */
@FunctionalInterface
public interface LicenseKeys {

    /**
     * The content key of a package that may be played now.
     *
     * @return empty when the package does not exist, is not encrypted or is not ready to play
     */
    Optional<ContentKeyPair> forPackage(long packageId);
}
