package io.packager4j.cli;

import io.packager4j.PackagingException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code, never a stack trace: a person
 * reading a terminal needs what went wrong, not where in our code.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int PACKAGING_FAILED = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof PackagingException) {
            cmd.getErr().println("error: " + ex.getMessage());
        } else if (ex instanceof ParameterException pe) {
            return handleParseException(pe, new String[0]);
        } else {
            cmd.getErr().println("error: unexpected failure: " + ex);
        }
        cmd.getErr().flush();
        return PACKAGING_FAILED;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("error: " + ex.getMessage() + " (see --help)");
        cmd.getErr().flush();
        return USAGE;
    }
}
