package io.packager4j.cli;

import io.packager4j.Packager;
import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, when packaged. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Packager.class.getPackage().getImplementationVersion();
        return new String[] {"packager4j " + (v == null ? "(development build)" : v)};
    }
}
