package io.packager4j.dash;

import io.packager4j.core.output.ProtectionOutput;
import io.packager4j.core.output.ProtectionSystemOutput;
import io.packager4j.dash.mpd.ContentProtection;
import io.packager4j.dash.mpd.LicenseUrl;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The ContentProtection descriptors of an encrypted representation, in the order DASH-IF IOP
 * asks for: first the mp4protection descriptor naming the scheme and default KID (ISO/IEC
 * 23009-1 5.8.5.2), then one per DRM system with its {@code cenc:pssh} and license URL.
 */
final class ContentProtectionMapper {

    static final String MP4_PROTECTION_SCHEME = "urn:mpeg:dash:mp4protection:2011";
    /** DASH-IF's licenseType for a license server that speaks the EME Clear Key JSON format. */
    static final String EME_LICENSE_TYPE = "EME-1.0";

    private ContentProtectionMapper() {
    }

    static List<ContentProtection> map(ProtectionOutput protection) {
        List<ContentProtection> list = new ArrayList<>();
        list.add(new ContentProtection(MP4_PROTECTION_SCHEME, protection.scheme().fourCC())
                .defaultKid(protection.defaultKeyIdUuid()));
        for (ProtectionSystemOutput system : protection.systems()) {
            ContentProtection cp = new ContentProtection("urn:uuid:" + system.systemId(), system.value());
            byte[] pssh = system.psshBox();
            if (pssh != null) {
                cp.pssh(Base64.getEncoder().encodeToString(pssh));
            }
            if (system.licenseUrl() != null) {
                cp.licenseUrl(new LicenseUrl(system.licenseUrl()).licenseType(EME_LICENSE_TYPE));
            }
            list.add(cp);
        }
        return list;
    }
}
