package io.packager4j.platform.store;

import java.sql.SQLException;

/** A database operation failed; carries the SQL cause for the log. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
