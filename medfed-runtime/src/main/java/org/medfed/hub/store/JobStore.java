package org.medfed.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.medfed.error.MedfedException;

/**
 * The hub's jobs, rounds and results in an embedded H2 database, {@code DATA_DIR/hub.mv.db}.
 *
 * <p>One hub per data directory: {@link #open} takes an exclusive lock on {@code DATA_DIR/hub.lock}
 * for as long as the store is open and refuses with "another hub is using DATA_DIR" if it is
 * held. The lock is ours rather than only H2's because H2 lets a second open in the same JVM
 * share the database silently; H2's own file lock stays as a second guard between processes.
 *
 * <p>All methods are synchronized on the store and share one connection in auto-commit mode:
 * the hub writes a few rows per round, so contention is no concern, and every write is durable
 * once the method returns. Storage failures are {@link MedfedException}s naming the directory.
 * The hub must {@link #close()} the store on shutdown (the URL says {@code
 * DB_CLOSE_ON_EXIT=FALSE}, so H2's own shutdown hook cannot close it under a hub still writing).
 */
public final class JobStore implements AutoCloseable {
    /** Bumped when the tables change, so an older medfed refuses a newer hub's database. */
    private static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String JOB_COLUMNS = "id, method, dataset, parameters_json, where_filter, sites_json, analyst,"
            + " status, submitted, finished, error, warnings_json, rounds, rerun_of, noise";

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Connection connection;
    private final int interruptedAtOpen;
    private boolean closed;

    private JobStore(Path dataDir, FileChannel lockChannel, FileLock lock, Connection connection) throws SQLException {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.connection = connection;
        createSchema();
        this.interruptedAtOpen = interruptRunning();
    }

    /**
     * Opens the store in {@code dataDir}, creating the directory, database and tables if
     * missing, and marks every job left {@link JobStatus#RUNNING} by a previous hub as
     * {@link JobStatus#INTERRUPTED} (see {@link #interruptedMessage}).
     */
    public static JobStore open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        FileChannel channel = null;
        FileLock lock = null;
        Connection connection = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("hub.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by a store open in this JVM
            }
            if (lock == null) {
                throw inUse(dir);
            }
            Properties props = new Properties();
            props.setProperty("user", "sa");
            props.setProperty("password", "");
            // H2 takes the database name from the URL: a ';' in the path would end it.
            if (dir.toString().contains(";")) {
                throw new MedfedException("hub data directory " + dir + ": the path must not contain ';'");
            }
            String url = "jdbc:h2:file:" + dir.resolve("hub") + ";DB_CLOSE_ON_EXIT=FALSE";
            connection = org.h2.Driver.load().connect(url, props);
            return new JobStore(dir, channel, lock, connection);
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(connection);
            releaseQuietly(lock, channel);
            if (e instanceof MedfedException m) {
                throw m;
            }
            if (e instanceof SQLException s && s.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw inUse(dir);
            }
            throw new MedfedException("hub data directory " + dir + ": cannot open the job database: " + e.getMessage(), e);
        }
    }

    private static MedfedException inUse(Path dir) {
        return new MedfedException("another hub is using " + dir + " (its job database is locked);"
                + " stop that hub, or give this one another data directory");
    }

    /** The error stored for a job that was running when the hub stopped. */
    public static String interruptedMessage(String id) {
        return "interrupted: the hub stopped while this job was running; re-run it with: medfed rerun " + id;
    }

    private void createSchema() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS store_info (schema_version INT NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT schema_version FROM store_info")) {
                if (rs.next()) {
                    int version = rs.getInt(1);
                    if (version > SCHEMA_VERSION) {
                        throw new MedfedException("hub data directory " + dataDir + " was written by a newer medfed"
                                + " (job database version " + version + "); use that version");
                    }
                } else {
                    s.execute("INSERT INTO store_info VALUES (" + SCHEMA_VERSION + ")");
                }
            }
            // No cache: a hub killed without closing must not skip ids (H2 would lose cached values).
            s.execute("CREATE SEQUENCE IF NOT EXISTS job_ids START WITH 1 NO CACHE");
            // row_no orders jobs by insertion, whatever their ids look like.
            s.execute("CREATE TABLE IF NOT EXISTS job ("
                    + " row_no BIGINT GENERATED BY DEFAULT AS IDENTITY,"
                    + " id VARCHAR(64) PRIMARY KEY,"
                    + " method VARCHAR NOT NULL,"
                    + " dataset VARCHAR NOT NULL,"
                    + " parameters_json CLOB,"
                    + " where_filter CLOB,"
                    + " sites_json CLOB NOT NULL,"
                    + " analyst VARCHAR,"
                    + " status VARCHAR(16) NOT NULL,"
                    + " submitted TIMESTAMP(9) WITH TIME ZONE NOT NULL,"
                    + " finished TIMESTAMP(9) WITH TIME ZONE,"
                    + " error CLOB,"
                    + " result_json CLOB,"
                    + " result_text CLOB,"
                    + " warnings_json CLOB NOT NULL,"
                    + " rounds INT NOT NULL,"
                    + " rerun_of VARCHAR(64))");
            // Added with differential privacy; a database from before gets the column, empty.
            s.execute("ALTER TABLE job ADD COLUMN IF NOT EXISTS noise VARCHAR(200)");
            s.execute("CREATE INDEX IF NOT EXISTS job_status ON job(status)");
            s.execute("CREATE TABLE IF NOT EXISTS job_round ("
                    + " row_no BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " job VARCHAR(64) NOT NULL REFERENCES job(id),"
                    + " round INT NOT NULL,"
                    + " step VARCHAR NOT NULL,"
                    + " sites_asked INT NOT NULL,"
                    + " sites_answered INT NOT NULL,"
                    + " elapsed_millis BIGINT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS job_round_job ON job_round(job)");
        }
    }

    private int interruptRunning() throws SQLException {
        List<String> running = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT id FROM job WHERE status = ?")) {
            p.setString(1, JobStatus.RUNNING.name());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    running.add(rs.getString(1));
                }
            }
        }
        // finished stays null: when the job stopped is not known.
        try (PreparedStatement p = connection.prepareStatement(
                "UPDATE job SET status = ?, error = ? WHERE id = ? AND status = ?")) {
            for (String id : running) {
                p.setString(1, JobStatus.INTERRUPTED.name());
                p.setString(2, interruptedMessage(id));
                p.setString(3, id);
                p.setString(4, JobStatus.RUNNING.name());
                p.executeUpdate();
            }
        }
        return running.size();
    }

    /** How many running jobs {@link #open} found and marked interrupted. */
    public int interruptedAtOpen() {
        return interruptedAtOpen;
    }

    /** The next job id: "1", "2", ..., never repeated, across restarts too. */
    public synchronized String newJobId() {
        check();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("VALUES NEXT VALUE FOR job_ids")) {
            rs.next();
            return Long.toString(rs.getLong(1));
        } catch (SQLException e) {
            throw failure("cannot allocate a job id", e);
        }
    }

    /** Stores a new job (usually {@link StoredJob#submitted running}); its id must be new. */
    public synchronized void insert(StoredJob job) {
        check();
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO job (" + JOB_COLUMNS
                + ", result_json, result_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, job.id());
            p.setString(2, job.method());
            p.setString(3, job.dataset());
            p.setString(4, job.parametersJson());
            p.setString(5, job.where());
            p.setString(6, json(job.sites()));
            p.setString(7, job.analyst());
            p.setString(8, job.status().name());
            p.setObject(9, time(job.submitted()));
            setTime(p, 10, job.finished());
            p.setString(11, job.error());
            p.setString(12, json(job.warnings()));
            p.setInt(13, job.rounds());
            p.setString(14, job.rerunOf());
            p.setString(15, job.noise());
            p.setString(16, job.resultJson());
            p.setString(17, job.resultText());
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot store job " + job.id(), e);
        }
    }

    /** Appends one round's progress to its job. */
    public synchronized void recordRound(StoredRound round) {
        check();
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO job_round"
                + " (job, round, step, sites_asked, sites_answered, elapsed_millis) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, round.job());
            p.setInt(2, round.round());
            p.setString(3, round.step());
            p.setInt(4, round.sitesAsked());
            p.setInt(5, round.sitesAnswered());
            p.setLong(6, round.elapsedMillis());
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot record round " + round.round() + " of job " + round.job(), e);
        }
    }

    /**
     * Sets a job's outcome. Any status may be written (the hub decides); an unknown id is an
     * {@link IllegalArgumentException}, a bug in the caller rather than a user's mistake.
     */
    public synchronized void finish(String id, JobStatus status, String error, String resultJson, String resultText,
                                    List<String> warnings, int rounds, Instant finished) {
        check();
        int updated;
        try (PreparedStatement p = connection.prepareStatement("UPDATE job SET status = ?, error = ?, result_json = ?,"
                + " result_text = ?, warnings_json = ?, rounds = ?, finished = ? WHERE id = ?")) {
            p.setString(1, status.name());
            p.setString(2, error);
            p.setString(3, resultJson);
            p.setString(4, resultText);
            p.setString(5, json(warnings == null ? List.of() : warnings));
            p.setInt(6, rounds);
            setTime(p, 7, finished);
            p.setString(8, id);
            updated = p.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot store the outcome of job " + id, e);
        }
        if (updated == 0) {
            throw new IllegalArgumentException("no job " + id);
        }
    }

    /** The job with every field, result included. */
    public synchronized Optional<StoredJob> find(String id) {
        check();
        try (PreparedStatement p = connection.prepareStatement("SELECT " + JOB_COLUMNS
                + ", result_json, result_text FROM job WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(job(rs, true)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read job " + id, e);
        }
    }

    /**
     * Every job, newest (last inserted) first, with {@code resultJson} and {@code resultText}
     * left null: a listing shows status and warnings, and results can be large. Use {@link
     * #find} for a job's result.
     */
    public synchronized List<StoredJob> list() {
        check();
        List<StoredJob> jobs = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + JOB_COLUMNS + " FROM job ORDER BY row_no DESC")) {
            while (rs.next()) {
                jobs.add(job(rs, false));
            }
        } catch (SQLException e) {
            throw failure("cannot list jobs", e);
        }
        return jobs;
    }

    /** A job's rounds in the order they were recorded (empty for an unknown job). */
    public synchronized List<StoredRound> rounds(String id) {
        check();
        List<StoredRound> rounds = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT job, round, step, sites_asked, sites_answered,"
                + " elapsed_millis FROM job_round WHERE job = ? ORDER BY row_no")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rounds.add(new StoredRound(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                            rs.getInt(5), rs.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read the rounds of job " + id, e);
        }
        return rounds;
    }

    /** Closes the database and releases the directory; further calls fail. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // SHUTDOWN writes everything and closes the file now, even if some other
            // connection to it were still open, so the next hub finds a clean database.
            try (Statement s = connection.createStatement()) {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            throw failure("cannot close the job database", e);
        } finally {
            closeQuietly(connection);
            releaseQuietly(lock, lockChannel);
        }
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("the job store is closed");
        }
    }

    private StoredJob job(ResultSet rs, boolean withResult) throws SQLException {
        return new StoredJob(rs.getString("id"), rs.getString("method"), rs.getString("dataset"),
                rs.getString("parameters_json"), rs.getString("where_filter"), strings(rs.getString("sites_json")),
                rs.getString("analyst"), JobStatus.valueOf(rs.getString("status")), instant(rs, "submitted"),
                instant(rs, "finished"), rs.getString("error"),
                withResult ? rs.getString("result_json") : null, withResult ? rs.getString("result_text") : null,
                strings(rs.getString("warnings_json")), rs.getInt("rounds"), rs.getString("rerun_of"),
                rs.getString("noise"));
    }

    private static OffsetDateTime time(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static void setTime(PreparedStatement p, int index, Instant t) throws SQLException {
        if (t == null) {
            p.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(index, time(t));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a list of strings always serializes
        }
    }

    private List<String> strings(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new MedfedException("hub data directory " + dataDir + ": the job database is damaged (" + e.getOriginalMessage() + ")", e);
        }
    }

    private MedfedException failure(String what, SQLException e) {
        return new MedfedException("hub data directory " + dataDir + ": " + what + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure; the first error is the one to report
        }
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
