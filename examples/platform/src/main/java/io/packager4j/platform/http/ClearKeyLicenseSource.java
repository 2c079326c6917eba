package io.packager4j.platform.http;

import io.packager4j.platform.keys.KeyVault;
import io.packager4j.platform.license.ContentKeyPair;
import io.packager4j.platform.license.LicenseKeys;
import io.packager4j.platform.store.PackageStatus;
import io.packager4j.platform.store.PackagedContentStore;

import java.util.HexFormat;
import java.util.Optional;

/** The licence endpoint's keys: a Ready package's KID and its key, unsealed from the database. */
public final class ClearKeyLicenseSource implements LicenseKeys {

    private final PackagedContentStore packages;
    private final KeyVault vault;

    public ClearKeyLicenseSource(PackagedContentStore packages, KeyVault vault) {
        this.packages = packages;
        this.vault = vault;
    }

    @Override
    public Optional<ContentKeyPair> forPackage(long packageId) {
        return packages.find(packageId)
                .filter(p -> p.status() == PackageStatus.READY)
                .map(p -> {
                    byte[] kid = HexFormat.of().parseHex(p.keyIdHex());
                    return new ContentKeyPair(kid, vault.open(p.sealedKey(), kid));
                });
    }
}
