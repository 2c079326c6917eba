package io.packager4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validates an MPD against the official DASH-MPD.xsd with {@code xmllint --nonet}, an independent
 * validator (libxml2), not our own parser.
 */
public final class MpdSchemaValidator {

    private MpdSchemaValidator() {
    }

    /** Fails the test with xmllint's own words unless {@code mpd} is valid against the schema. */
    public static void assertValid(Path mpd) {
        Path schema = SharedTestData.dashMpdSchema();
        ProcessResult r = run(List.of("xmllint", "--noout", "--nonet", "--schema", schema.toString(), mpd.toString()));
        assertEquals(0, r.exitCode(), () -> "MPD " + mpd + " is not valid against DASH-MPD.xsd:\n" + r.output());
        assertTrue(r.output().contains("validates"), () -> "xmllint did not confirm validation:\n" + r.output());
    }

    static ProcessResult run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (is it installed? scripts/test.sh installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record ProcessResult(int exitCode, String output) {
    }
}
