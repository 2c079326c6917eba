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

/**
 * The connection pool, migrated to the current schema before anything uses it. Migrations live in
 * {@code db/migration/common} (portable SQL) and {@code db/migration/<vendor>} (the job engine's
 * table, whose types differ per database).
 */
public final class Database implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final DatabaseVendor vendor;

    private Database(HikariDataSource dataSource, DatabaseVendor vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
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
            DatabaseVendor vendor = vendor(ds);
            // Several instances may start at once on one database: Flyway serializes their
            // migrations with a lock of its own (an advisory lock on PostgreSQL).
            var result = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor.migrationFolder())
                    .load()
                    .migrate();
            LOG.info("database {} ({}) at schema version {}", config.loggableJdbcUrl(), vendor, result.targetSchemaVersion);
            return new Database(ds, vendor);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private static DatabaseVendor vendor(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return DatabaseVendor.ofProductName(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the database", e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseVendor vendor() {
        return vendor;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
