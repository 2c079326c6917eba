package io.packager4j.platform.store;

import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.platform.ladder.Ladder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of {@code packaged_content}. */
public final class PackagedContentStore {

    private static final String COLUMNS = "id, input_content_id, scheme, key_id, sealed_key, status, progress, error, "
            + "attempts, created_at, updated_at, callback_url, worker, renditions, ladder";
    private static final int MAX_ERROR_LENGTH = 2000;

    private final DataSource dataSource;

    public PackagedContentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a new package in status Ingested inside the caller's transaction. */
    public PackagedContent insert(Connection c, long inputContentId, ProtectionScheme scheme, String keyIdHex,
                                  String sealedKey, String callbackUrl) throws SQLException {
        return insert(c, inputContentId, scheme, keyIdHex, sealedKey, callbackUrl, null);
    }

    /** As {@link #insert(Connection, long, ProtectionScheme, String, String, String)}, with renditions to make (or null). */
    public PackagedContent insert(Connection c, long inputContentId, ProtectionScheme scheme, String keyIdHex,
                                  String sealedKey, String callbackUrl, Ladder ladder) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO packaged_content (input_content_id, scheme, key_id, "
                + "sealed_key, status, progress, attempts, created_at, updated_at, callback_url, renditions, ladder) "
                + "VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, inputContentId);
            ps.setString(2, scheme.fourCC());
            ps.setString(3, keyIdHex);
            ps.setString(4, sealedKey);
            ps.setString(5, PackageStatus.INGESTED.label());
            ps.setObject(6, now);
            ps.setObject(7, now);
            ps.setString(8, callbackUrl);
            ps.setString(9, ladder == null ? null : ladder.requestedColumn());
            ps.setString(10, ladder == null ? null : ladder.rungsColumn());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new PackagedContent(keys.getLong(1), inputContentId, scheme, keyIdHex, sealedKey,
                        PackageStatus.INGESTED, 0, null, 0, now, now, callbackUrl, null, ladder);
            }
        }
    }

    public Optional<PackagedContent> find(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM packaged_content WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read package " + id, e);
        }
    }

    public Page<PackagedContent> list(PageRequest request) {
        return list(request, null);
    }

    /** A page of packages, newest first; only those in {@code status} unless it is null. */
    public Page<PackagedContent> list(PageRequest request, PackageStatus status) {
        String where = status == null ? "" : " WHERE status = ?";
        try (Connection c = dataSource.getConnection()) {
            List<PackagedContent> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM packaged_content" + where
                    + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
                int i = 1;
                if (status != null) {
                    ps.setString(i++, status.label());
                }
                ps.setInt(i++, request.size());
                ps.setLong(i, request.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            long total = status == null
                    ? Jdbc.count(c, "SELECT COUNT(*) FROM packaged_content")
                    : Jdbc.count(c, "SELECT COUNT(*) FROM packaged_content WHERE status = ?", status.label());
            return new Page<>(items, request.page(), request.size(), total);
        } catch (SQLException e) {
            throw new StoreException("cannot list packages", e);
        }
    }

    /** How many packages are in each status (every status present, zero included). */
    public Map<PackageStatus, Long> countByStatus() {
        Map<PackageStatus, Long> counts = new EnumMap<>(PackageStatus.class);
        for (PackageStatus s : PackageStatus.values()) {
            counts.put(s, 0L);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM packaged_content GROUP BY status");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(PackageStatus.ofLabel(rs.getString(1)), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException("cannot count packages", e);
        }
    }

    /** Ids of packages whose job has not finished (queued, running, or lost in a crash). */
    public List<Long> unfinishedIds() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM packaged_content WHERE status NOT IN (?, ?) "
                     + "ORDER BY id")) {
            ps.setString(1, PackageStatus.READY.label());
            ps.setString(2, PackageStatus.FAILED.label());
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("cannot list unfinished packages", e);
        }
    }

    public long countForInput(Connection c, long inputContentId) throws SQLException {
        return Jdbc.count(c, "SELECT COUNT(*) FROM packaged_content WHERE input_content_id = ?", inputContentId);
    }

    /**
     * Records that a job (re)started on the package on instance {@code worker}; returns the new
     * attempt count.
     */
    public int startAttempt(long id, String worker) {
        // Read and incremented under the row's lock, in one transaction, so two instances starting
        // the job at once get different numbers (PackagingJob compares them before publishing).
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int attempt;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT attempts FROM packaged_content WHERE id = ? FOR UPDATE")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        attempt = rs.next() ? rs.getInt(1) + 1 : 0;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE packaged_content SET attempts = ?, worker = ?, updated_at = ? WHERE id = ?")) {
                    ps.setInt(1, attempt);
                    ps.setString(2, worker);
                    ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.setLong(4, id);
                    ps.executeUpdate();
                }
                c.commit();
                return attempt;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot update package " + id, e);
        }
    }

    /**
     * Whether {@code attempt} is still the package's latest attempt: false once another one has
     * started (the job engine revived the job elsewhere), or when the package is gone.
     */
    public boolean isLatestAttempt(long id, int attempt) {
        return find(id).map(p -> p.attempts() == attempt).orElse(false);
    }

    /** Moves the package to {@code status} with {@code progress} percent. */
    public void setStatus(long id, PackageStatus status, int progress) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE packaged_content SET status = ?, progress = ?, error = NULL, updated_at = ? WHERE id = ?")) {
            ps.setString(1, status.label());
            ps.setInt(2, progress);
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setLong(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update package " + id, e);
        }
    }

    /** Records the ladder planned for a package once its input's height is known. */
    public void setLadder(long id, Ladder ladder) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE packaged_content SET renditions = ?, ladder = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, ladder.requestedColumn());
            ps.setString(2, ladder.rungsColumn());
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setLong(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update package " + id, e);
        }
    }

    public void setProgress(long id, int progress) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE packaged_content SET progress = ?, updated_at = ? WHERE id = ? AND progress < ?")) {
            ps.setInt(1, progress);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setLong(3, id);
            ps.setInt(4, progress);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update package " + id, e);
        }
    }

    public void fail(long id, String error) {
        String message = error == null ? "unknown error" : error;
        if (message.length() > MAX_ERROR_LENGTH) {
            message = message.substring(0, MAX_ERROR_LENGTH - 3) + "...";
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE packaged_content SET status = ?, error = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, PackageStatus.FAILED.label());
            ps.setString(2, message);
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setLong(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update package " + id, e);
        }
    }

    /** Deletes the row inside the caller's transaction; false if it did not exist. */
    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM packaged_content WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static PackagedContent read(ResultSet rs) throws SQLException {
        String scheme = rs.getString("scheme");
        return new PackagedContent(rs.getLong("id"), rs.getLong("input_content_id"),
                ProtectionScheme.forFourCC(scheme).orElseThrow(() -> new SQLException("unknown scheme " + scheme)),
                rs.getString("key_id"), rs.getString("sealed_key"), PackageStatus.ofLabel(rs.getString("status")),
                rs.getInt("progress"), rs.getString("error"), rs.getInt("attempts"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getString("callback_url"), rs.getString("worker"),
                Ladder.fromColumns(rs.getString("renditions"), rs.getString("ladder")));
    }
}
