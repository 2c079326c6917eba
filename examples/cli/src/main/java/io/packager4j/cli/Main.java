package io.packager4j.cli;

import picocli.CommandLine;

/**
 * Entry point of {@code packager4j-cli.jar}. The only place in packager4j that exits the JVM.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (0 success, 1 packaging failure, 2 usage error). */
    public static int run(String... args) {
        if (isVerbose(args)) {
            // Must be set before the first logger is created.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.org.mp4parser", "info");
        }
        CommandLine cli = new CommandLine(new PackagerCommand());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new OneLineErrors());
        return cli.execute(args);
    }

    private static boolean isVerbose(String[] args) {
        for (String a : args) {
            if ("--verbose".equals(a) || "-v".equals(a)) {
                return true;
            }
        }
        return false;
    }
}
