package io.packager4j.platform.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.packager4j.platform.PlatformConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The connection pool, migrated to the current schema before anything uses it. Migrations live in
 * {@code db/migration/common} (portable SQL) and {@code db/migration/<vendor>} (the job engine's
 * table, whose types differ per database).
 */
public final class Database implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database open(PlatformConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.effectiveJdbcUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(Math.max(4, config.workers() + 4));
        hikari.setPoolName("platform-db");
        HikariDataSource ds = new HikariDataSource(hikari);
        try {
            var result = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor(ds))
                    .load()
                    .migrate();
            LOG.info("database {} at schema version {}", ds.getJdbcUrl(), result.targetSchemaVersion);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    /** The folder of vendor-specific migrations: {@code h2} or {@code postgresql}. */
    static String vendor(DataSource ds) {
        String product;
        try (Connection c = ds.getConnection()) {
            product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the database", e);
        }
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        throw new IllegalStateException("unsupported database " + product + ": use H2 or PostgreSQL");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
