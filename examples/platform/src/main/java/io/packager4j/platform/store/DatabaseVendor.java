package io.packager4j.platform.store;

import java.util.Locale;

/**
 * The databases the platform runs on. Each has its own folder of migrations for what cannot be
 * written portably (the job engine's table), and the job engine polls each in its own way.
 */
public enum DatabaseVendor {
    /** The default: a file database in the data directory, for one instance. */
    H2("h2"),
    /** For several instances sharing one database. */
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    DatabaseVendor(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** The folder under {@code db/migration} with this database's own migrations. */
    public String migrationFolder() {
        return migrationFolder;
    }

    /** From JDBC's {@code DatabaseMetaData.getDatabaseProductName()}. */
    static DatabaseVendor ofProductName(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("unsupported database " + productName + ": use H2 or PostgreSQL");
    }
}
