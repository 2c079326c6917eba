package io.packager4j.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.packager4j.platform.store.DatabaseVendor;
import io.packager4j.platform.store.PackagedContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.Closeable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Packaging jobs on db-scheduler: each job is a row in the database's {@code scheduled_tasks} table,
 * so it outlives the process that queued it. An instance that dies mid-job stops sending
 * heartbeats; after a few missed ones any running instance (this one after a restart included)
 * revives the job, and {@link PackagingJob} resumes it. A job that throws (I/O, database) is retried
 * with backoff up to {@value #MAX_ATTEMPTS} times, then its package is marked Failed.
 *
 * <p>Several instances may share one database (PostgreSQL): each job is picked by exactly one of
 * them, whichever polls first, and the package records which ({@code worker}). On PostgreSQL the
 * engine claims due jobs with one {@code UPDATE ... WHERE ... IN (SELECT ... FOR UPDATE SKIP LOCKED)}
 * (db-scheduler's lock-and-fetch), no more than it has free threads; see {@link #pollingFor}.
 */
public final class PackagingJobs implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PackagingJobs.class);

    static final String TASK_NAME = "package-content";
    static final int MAX_ATTEMPTS = 3;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(5);
    private static final int MISSED_HEARTBEATS_LIMIT = 4;

    private final OneTimeTask<Long> task;
    private final Scheduler scheduler;

    /**
     * @param moreTasks other jobs this engine runs (such as webhook deliveries)
     * @param outcomes  told when a job gives up and marks its package Failed
     */
    public PackagingJobs(DataSource dataSource, DatabaseVendor vendor, PackagingJob job, PackagedContentStore packages,
                         int workers, Duration heartbeat, List<Task<?>> moreTasks, PackageOutcomes outcomes) {
        // The worker recorded is the name the engine picked the job under (this instance's).
        this.task = Tasks.oneTime(TASK_NAME, Long.class)
                .onFailure(new RetryThenFail(packages, outcomes))
                .onDeadExecutionRevive()
                .execute((instance, context) ->
                        PackagingJob.runUnchecked(job, instance.getData(), context.getExecution().pickedBy));
        List<Task<?>> tasks = new ArrayList<>();
        tasks.add(task);
        tasks.addAll(moreTasks);
        SchedulerBuilder builder = Scheduler.create(dataSource, tasks)
                .schedulerName(new SchedulerName.Fixed(instanceName()))
                .threads(workers)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS_LIMIT)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(10));
        this.scheduler = pollingFor(vendor, builder).build();
    }

    /**
     * How the engine finds and claims due jobs. Both of db-scheduler's strategies hand a job to one
     * instance only: "fetch" (the only one on H2) reads candidates, then claims each with an update
     * conditional on the row's version, so of two instances racing for a job one updates a row and
     * the other none; "lock-and-fetch" (PostgreSQL) claims in one statement whose
     * {@code FOR UPDATE SKIP LOCKED} makes concurrent polls take disjoint rows. On PostgreSQL the
     * latter is used because instances then never race for the same rows, and with the upper limit
     * at 1.0 an instance claims only as many jobs as it has idle threads: it never holds claimed
     * jobs in a local queue, where they would get no heartbeat, could be taken for dead and revived
     * (run twice), and would wait while another instance sits idle.
     */
    private static SchedulerBuilder pollingFor(DatabaseVendor vendor, SchedulerBuilder builder) {
        return switch (vendor) {
            case POSTGRESQL -> builder.pollUsingLockAndFetch(0.5, 1.0);
            case H2 -> builder;
        };
    }

    public void start() {
        scheduler.start();
    }

    /** Queues the package's job unless one is already queued or running. */
    public void enqueue(long packageId) {
        boolean added = scheduler.scheduleIfNotExists(task.instance(Long.toString(packageId), packageId), Instant.now());
        LOG.debug("package {} job {}", packageId, added ? "queued" : "already queued");
    }

    /** For queueing this engine's other tasks. */
    public SchedulerClient client() {
        return scheduler;
    }

    /** Packaging jobs queued and not picked up yet, across every instance sharing the database. */
    public static long queueDepth(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ? AND picked = ?")) {
            ps.setString(1, TASK_NAME);
            ps.setBoolean(2, false);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count queued jobs: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        scheduler.stop();
    }

    /** host:pid, so instances sharing a database (and a restarted one) are told apart in the table. */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        String name = host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
        return name.length() > 50 ? name.substring(name.length() - 50) : name;
    }

    /** Retries with doubling delays, then records the failure on the package and drops the job. */
    private static final class RetryThenFail implements FailureHandler<Long> {
        private final PackagedContentStore packages;
        private final PackageOutcomes outcomes;

        RetryThenFail(PackagedContentStore packages, PackageOutcomes outcomes) {
            this.packages = packages;
            this.outcomes = outcomes;
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<Long> ops) {
            int failures = complete.getExecution().consecutiveFailures + 1;
            Object data = complete.getExecution().taskInstance.getData();
            String cause = complete.getCause().map(Throwable::getMessage).orElse("unknown error");
            if (failures >= MAX_ATTEMPTS) {
                LOG.error("package {} job failed {} times, giving up: {}", data, failures, cause);
                if (data instanceof Long id) {
                    packages.fail(id, "packaging failed " + failures + " times: " + cause);
                    outcomes.finished(id);
                }
                ops.stop();
            } else {
                Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << (failures - 1));
                LOG.warn("package {} job failed ({}), retry {} in {} s", data, cause, failures, delay.toSeconds());
                ops.reschedule(complete, complete.getTimeDone().plus(delay));
            }
        }
    }
}
