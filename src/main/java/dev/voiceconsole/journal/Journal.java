package dev.voiceconsole.journal;

import dev.voiceconsole.transcript.TranscriptFormat;
import dev.voiceconsole.transcript.TranscriptSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every final segment of every dictation and transcribed file, in a SQLite file. A segment is on disk (WAL, fsync on
 * commit: {@code synchronous=FULL}) when {@link #append} returns, so neither a crash of the app nor a power cut loses
 * final text. One connection serves all threads, one call at a time.
 */
public final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Connection db;
    private final boolean fullText;

    private Journal(Path file, Connection db, boolean fullText) {
        this.file = file;
        this.db = db;
        this.fullText = fullText;
    }

    /** Opens the journal, creating the file and its tables on first use. */
    public static Journal open(Path file) {
        return open(file, 0);
    }

    /**
     * @param maxPages SQLite's {@code max_page_count} for this connection, 0 for none: tests use it to make a disk
     *                 "full" at the JDBC layer where they cannot mount a small file system
     */
    static Journal open(Path file, int maxPages) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new JournalException(
                    "journal folder " + file.toAbsolutePath().getParent() + " cannot be created: " + e.getMessage(), e);
        }
        Connection db = null;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
                if (maxPages > 0) {
                    s.execute("PRAGMA max_page_count=" + maxPages);
                }
            }
            boolean fullText = migrate(db);
            return new Journal(file, db, fullText);
        } catch (SQLException e) {
            closeQuietly(db);
            throw new JournalException("journal " + file + " cannot be used: " + describe(e), e);
        }
    }

    private static boolean migrate(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet r = s.executeQuery("SELECT max(version) FROM schema_version")) {
                if (r.next()) {
                    version = r.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new SQLException("it was written by a newer VoiceConsole (schema " + version + ", this one knows "
                        + SCHEMA_VERSION + ")");
            }
            if (version < 1) {
                s.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, started_ms INTEGER NOT NULL,"
                        + " ended_ms INTEGER, source TEXT NOT NULL, model TEXT NOT NULL, mode TEXT NOT NULL)");
                s.execute("CREATE TABLE segments (entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,"
                        + " idx INTEGER NOT NULL, start_s REAL NOT NULL, end_s REAL NOT NULL, text TEXT NOT NULL,"
                        + " created_ms INTEGER NOT NULL, PRIMARY KEY (entry_id, idx))");
                s.execute("INSERT INTO schema_version VALUES (1)");
            }
            return createFullTextIndex(s);
        }
    }

    /** FTS5 where the SQLite build has it (the bundled one does); plain LIKE search otherwise. */
    private static boolean createFullTextIndex(Statement s) {
        try {
            s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS segments_fts USING fts5(text, content='segments',"
                    + " content_rowid='rowid')");
            s.execute("CREATE TRIGGER IF NOT EXISTS segments_ai AFTER INSERT ON segments BEGIN"
                    + " INSERT INTO segments_fts(rowid, text) VALUES (new.rowid, new.text); END");
            s.execute(
                    "CREATE TRIGGER IF NOT EXISTS segments_ad AFTER DELETE ON segments BEGIN"
                            + " INSERT INTO segments_fts(segments_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END");
            return true;
        } catch (SQLException e) {
            log.warn("full-text search unavailable ({}); searching with LIKE", e.getMessage());
            return false;
        }
    }

    public Path file() {
        return file;
    }

    /** A new entry, open until {@link #end}; returns its id. */
    public synchronized long start(String source, String model, String mode) {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO entries (started_ms, source, model, mode) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setLong(1, System.currentTimeMillis());
            p.setString(2, source);
            p.setString(3, model);
            p.setString(4, mode);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("start an entry", e);
        }
    }

    /**
     * Appends a final segment; it is on disk when this returns. Returns its 1-based index in the entry.
     *
     * @throws JournalException when it is not on disk, e.g. {@link JournalException#diskFull() the disk is full}
     */
    public synchronized int append(long entryId, double startS, double endS, String text) {
        // An explicit transaction whose COMMIT is its own statement: with "INSERT … RETURNING" in autocommit, SQLite
        // hands out the row before it commits, and a commit that then fails (SQLITE_FULL) is only reported when the
        // statement is closed, which the driver swallows, so append returned while nothing was saved.
        try (Statement tx = db.createStatement()) {
            tx.execute("BEGIN IMMEDIATE");
            try {
                int index;
                try (PreparedStatement next =
                        db.prepareStatement("SELECT coalesce(max(idx), 0) + 1 FROM segments WHERE entry_id = ?")) {
                    next.setLong(1, entryId);
                    try (ResultSet r = next.executeQuery()) {
                        r.next();
                        index = r.getInt(1);
                    }
                }
                try (PreparedStatement p = db.prepareStatement("INSERT INTO segments (entry_id, idx, start_s, end_s,"
                        + " text, created_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                    p.setLong(1, entryId);
                    p.setInt(2, index);
                    p.setDouble(3, startS);
                    p.setDouble(4, Math.max(startS, endS));
                    p.setString(5, text);
                    p.setLong(6, System.currentTimeMillis());
                    p.executeUpdate();
                }
                tx.execute("COMMIT");
                return index;
            } catch (SQLException e) {
                rollbackQuietly(tx);
                throw e;
            }
        } catch (SQLException e) {
            throw failure("write a segment", e);
        }
    }

    /** SQLite rolls a transaction back by itself after SQLITE_FULL; then there is nothing left to roll back. */
    private static void rollbackQuietly(Statement tx) {
        try {
            tx.execute("ROLLBACK");
        } catch (SQLException e) {
            log.debug("rollback after a failed write: {}", e.getMessage());
        }
    }

    public synchronized void end(long entryId) {
        try (PreparedStatement p =
                db.prepareStatement("UPDATE entries SET ended_ms = ? WHERE id = ? AND ended_ms IS NULL")) {
            p.setLong(1, System.currentTimeMillis());
            p.setLong(2, entryId);
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("end an entry", e);
        }
    }

    /** Newest first. */
    public synchronized List<JournalEntry> entries(int limit, int offset) {
        try (PreparedStatement p = db.prepareStatement(
                ENTRY_SELECT + " GROUP BY e.id ORDER BY e.started_ms DESC, e.id DESC" + " LIMIT ? OFFSET ?")) {
            p.setInt(1, limit);
            p.setInt(2, offset);
            return readEntries(p);
        } catch (SQLException e) {
            throw failure("list entries", e);
        }
    }

    public synchronized Optional<JournalEntry> entry(long id) {
        try (PreparedStatement p = db.prepareStatement(ENTRY_SELECT + " WHERE e.id = ? GROUP BY e.id")) {
            p.setLong(1, id);
            return readEntries(p).stream().findFirst();
        } catch (SQLException e) {
            throw failure("read entry " + id, e);
        }
    }

    public synchronized List<JournalSegment> segments(long entryId) {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT entry_id, idx, start_s, end_s, text FROM segments WHERE entry_id = ? ORDER BY idx")) {
            p.setLong(1, entryId);
            List<JournalSegment> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(segment(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the segments of entry " + entryId, e);
        }
    }

    /** Segments holding every word of {@code query} (word prefixes match: "kube" finds "Kubernetes"), newest first. */
    public synchronized List<SearchHit> search(String query, int limit) {
        List<String> words = Arrays.stream(query.strip().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
        if (words.isEmpty()) {
            return List.of();
        }
        String sql;
        if (fullText) {
            sql =
                    "SELECT s.entry_id, s.idx, s.start_s, s.end_s, s.text FROM segments_fts f JOIN segments s ON s.rowid = f.rowid"
                            + " JOIN entries e ON e.id = s.entry_id WHERE segments_fts MATCH ?"
                            + " ORDER BY e.started_ms DESC, e.id DESC, s.idx LIMIT ?";
        } else {
            sql =
                    "SELECT s.entry_id, s.idx, s.start_s, s.end_s, s.text FROM segments s JOIN entries e ON e.id = s.entry_id WHERE "
                            + words.stream()
                                    .map(w -> "s.text LIKE ? ESCAPE '\\'")
                                    .collect(Collectors.joining(" AND "))
                            + " ORDER BY e.started_ms DESC, e.id DESC, s.idx LIMIT ?";
        }
        try (PreparedStatement p = db.prepareStatement(sql)) {
            int i = 1;
            if (fullText) {
                p.setString(
                        i++,
                        words.stream()
                                .map(w -> "\"" + w.replace("\"", "\"\"") + "\"*")
                                .collect(Collectors.joining(" ")));
            } else {
                for (String w : words) {
                    p.setString(
                            i++,
                            "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                }
            }
            p.setInt(i, limit);
            List<JournalSegment> found = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    found.add(segment(r));
                }
            }
            List<SearchHit> hits = new ArrayList<>();
            for (JournalSegment s : found) {
                hits.add(new SearchHit(entry(s.entryId()).orElseThrow(), s));
            }
            return hits;
        } catch (SQLException e) {
            throw failure("search", e);
        }
    }

    /**
     * Deletes an entry and its segments (they go from the search index too).
     *
     * @return whether there was such an entry
     */
    public synchronized boolean delete(long entryId) {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM entries WHERE id = ?")) {
            p.setLong(1, entryId);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("delete entry " + entryId, e);
        }
    }

    /** The entry as a transcript file's text. */
    public String export(long entryId, TranscriptFormat format) {
        List<TranscriptSegment> segments = segments(entryId).stream()
                .map(s -> new TranscriptSegment(s.index(), s.startS(), s.endS(), s.text()))
                .toList();
        return format.render(segments);
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
    }

    private static final String ENTRY_SELECT = "SELECT e.id, e.started_ms, e.ended_ms, e.source, e.model, e.mode,"
            + " count(s.idx) FROM entries e LEFT JOIN segments s ON s.entry_id = e.id";

    private static List<JournalEntry> readEntries(PreparedStatement p) throws SQLException {
        List<JournalEntry> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long ended = r.getLong(3);
                Optional<Instant> end = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
                out.add(new JournalEntry(
                        r.getLong(1),
                        Instant.ofEpochMilli(r.getLong(2)),
                        end,
                        r.getString(4),
                        r.getString(5),
                        r.getString(6),
                        r.getInt(7)));
            }
        }
        return out;
    }

    private static JournalSegment segment(ResultSet r) throws SQLException {
        return new JournalSegment(r.getLong(1), r.getInt(2), r.getDouble(3), r.getDouble(4), r.getString(5));
    }

    private JournalException failure(String what, SQLException e) {
        return new JournalException("journal " + file + ": could not " + what + ": " + describe(e), e, diskFull(e));
    }

    /** SQLITE_FULL (13) in the primary result code: the disk, or the page limit, has no room. */
    private static boolean diskFull(SQLException e) {
        return (e.getErrorCode() & 0xff) == 13;
    }

    private static String describe(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("closing the journal failed", e);
            }
        }
    }
}
