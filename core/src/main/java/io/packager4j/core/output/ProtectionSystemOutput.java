package io.packager4j.core.output;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One DRM system to signal in the manifest ({@code ContentProtection schemeIdUri="urn:uuid:..."}).
 *
 * @param systemId   the DRM system ID
 * @param value      the descriptor's {@code @value} (e.g. {@code ClearKey1.0}, {@code MSPR 2.0}), or null
 * @param psshBox    the complete {@code pssh} box for {@code cenc:pssh}, or null
 * @param licenseUrl the license server URL for {@code dashif:Laurl}, or null
 */
public record ProtectionSystemOutput(UUID systemId, String value, byte[] psshBox, String licenseUrl) {

    public ProtectionSystemOutput {
        Objects.requireNonNull(systemId, "systemId");
        psshBox = psshBox == null ? null : psshBox.clone();
    }

    @Override
    public byte[] psshBox() {
        return psshBox == null ? null : psshBox.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtectionSystemOutput p && systemId.equals(p.systemId) && Objects.equals(value, p.value)
                && Arrays.equals(psshBox, p.psshBox) && Objects.equals(licenseUrl, p.licenseUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(systemId, value, Arrays.hashCode(psshBox), licenseUrl);
    }
}
