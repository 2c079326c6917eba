package io.packager4j.platform.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code input_content}. */
public final class InputContentStore {

    private static final String COLUMNS = "id, file_name, size_bytes, duration_seconds, tracks, status, created_at, "
            + "object_key, object_external";

    private final DataSource dataSource;

    public InputContentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts a row inside the caller's transaction, so the caller can roll it back if keeping the
     * file then fails.
     */
    public InputContent insert(Connection c, String fileName, long sizeBytes, double durationSeconds, String tracks)
            throws SQLException {
        return insert(c, fileName, sizeBytes, durationSeconds, tracks, InputContent.INGESTED, null, false);
    }

    /** An upload probed and stored, as {@code objectKey} in the input bucket (null: on local disk). */
    public InputContent insert(Connection c, String fileName, long sizeBytes, double durationSeconds, String tracks,
                               String objectKey) throws SQLException {
        return insert(c, fileName, sizeBytes, durationSeconds, tracks, InputContent.INGESTED, objectKey, false);
    }

    /**
     * A client's object in the input bucket named in {@code POST /encode}: {@link InputContent#REFERENCED}
     * until its packaging job probes it ({@link #recordProbe}).
     */
    public InputContent insertReferenced(Connection c, String objectKey, long sizeBytes) throws SQLException {
        String name = objectKey.substring(objectKey.lastIndexOf('/') + 1);
        if (name.length() > 255) {
            name = name.substring(name.length() - 255);
        }
        return insert(c, name, sizeBytes, 0, "", InputContent.REFERENCED, objectKey, true);
    }

    private InputContent insert(Connection c, String fileName, long sizeBytes, double durationSeconds, String tracks,
                                String status, String objectKey, boolean external) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO input_content (file_name, size_bytes, duration_seconds, tracks, status, created_at, "
                        + "object_key, object_external) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, fileName);
            ps.setLong(2, sizeBytes);
            ps.setDouble(3, durationSeconds);
            ps.setString(4, tracks);
            ps.setString(5, status);
            ps.setObject(6, now);
            ps.setString(7, objectKey);
            ps.setBoolean(8, external);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new InputContent(keys.getLong(1), fileName, sizeBytes, durationSeconds, tracks, status, now,
                        objectKey, external);
            }
        }
    }

    /** What probing a {@link InputContent#REFERENCED} input found; it is then {@link InputContent#INGESTED}. */
    public void recordProbe(long id, long sizeBytes, double durationSeconds, String tracks) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE input_content SET size_bytes = ?, duration_seconds = ?, "
                     + "tracks = ?, status = ? WHERE id = ?")) {
            ps.setLong(1, sizeBytes);
            ps.setDouble(2, durationSeconds);
            ps.setString(3, tracks.length() > 2000 ? tracks.substring(0, 1997) + "..." : tracks);
            ps.setString(4, InputContent.INGESTED);
            ps.setLong(5, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update input content " + id, e);
        }
    }

    public Optional<InputContent> find(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM input_content WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read input content " + id, e);
        }
    }

    public Page<InputContent> list(PageRequest request) {
        try (Connection c = dataSource.getConnection()) {
            List<InputContent> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM input_content ORDER BY id DESC LIMIT ? OFFSET ?")) {
                ps.setInt(1, request.size());
                ps.setLong(2, request.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return new Page<>(items, request.page(), request.size(), Jdbc.count(c, "SELECT COUNT(*) FROM input_content"));
        } catch (SQLException e) {
            throw new StoreException("cannot list input contents", e);
        }
    }

    /** Deletes the row inside the caller's transaction; false if it did not exist. */
    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM input_content WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static InputContent read(ResultSet rs) throws SQLException {
        return new InputContent(rs.getLong("id"), rs.getString("file_name"), rs.getLong("size_bytes"),
                rs.getDouble("duration_seconds"), rs.getString("tracks"), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("object_key"),
                rs.getBoolean("object_external"));
    }
}
