package io.packager4j.cli;

import picocli.CommandLine.Command;

/** The top-level {@code packager4j} command; its work is in sub-commands. */
@Command(name = "packager4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Packages MP4 files into MPEG-DASH (CMAF segments), in pure Java.",
        subcommands = {PackageCommand.class})
final class PackagerCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing command: use 'package'");
    }
}
