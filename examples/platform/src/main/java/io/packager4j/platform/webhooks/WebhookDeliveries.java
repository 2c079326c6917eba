package io.packager4j.platform.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.packager4j.platform.http.PublicUrls;
import io.packager4j.platform.http.Views;
import io.packager4j.platform.jobs.PackageOutcomes;
import io.packager4j.platform.metrics.PlatformMetrics;
import io.packager4j.platform.store.PackageStatus;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs a package's outcome (Ready or Failed) to its {@code callback_url}. Each delivery is a job of
 * its own in the job engine, so it never holds up packaging, survives restarts, and is retried with
 * doubling delays ({@value #MAX_ATTEMPTS} attempts in all) when the receiver is down or answers
 * other than 2xx. The body is the package as {@code GET /packaged_content/{id}} shows it, plus
 * {@code "event"}; the request is signed (see {@link WebhookSigner}).
 */
public final class WebhookDeliveries implements PackageOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);

    static final String TASK_NAME = "deliver-webhook";
    static final int MAX_ATTEMPTS = 6;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final PackagedContentStore packages;
    private final Views views;
    private final PublicUrls urls;
    private final WebhookSigner signer;
    private final PlatformMetrics metrics;
    private final Clock clock;
    private final OneTimeTask<Long> task;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile SchedulerClient scheduler;

    public WebhookDeliveries(PackagedContentStore packages, Views views, PublicUrls urls, WebhookSigner signer,
                             PlatformMetrics metrics, Clock clock) {
        this.packages = packages;
        this.views = views;
        this.urls = urls;
        this.signer = signer;
        this.metrics = metrics;
        this.clock = clock;
        this.task = Tasks.oneTime(TASK_NAME, Long.class)
                .onFailure(new RetryWithBackoff())
                .onDeadExecutionRevive()
                .execute((instance, context) -> deliver(instance.getData()));
    }

    /** The job engine's task that performs deliveries; register it with the scheduler. */
    public Task<Long> task() {
        return task;
    }

    /** Connects to the scheduler that runs {@link #task()}; before this, nothing can be queued. */
    public void attach(SchedulerClient client) {
        this.scheduler = client;
    }

    /**
     * Queues the delivery of the package's outcome when it has a callback URL. Never throws: a
     * webhook that cannot be queued is logged, and the package's own state is unaffected.
     */
    @Override
    public void finished(long packageId) {
        try {
            Optional<PackagedContent> pkg = packages.find(packageId);
            if (pkg.isEmpty() || pkg.get().callbackUrl() == null || !pkg.get().status().isFinal()) {
                return;
            }
            String instance = packageId + "-" + pkg.get().status().label().toLowerCase(Locale.ROOT);
            scheduler.scheduleIfNotExists(task.instance(instance, packageId), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("cannot queue the webhook of package {}: {}", packageId, e.toString());
        }
    }

    void deliver(long packageId) {
        PackagedContent pkg = packages.find(packageId).orElse(null);
        if (pkg == null || pkg.callbackUrl() == null || !pkg.status().isFinal()) {
            return; // deleted since, or nothing to say
        }
        String event = pkg.status() == PackageStatus.READY ? "package.ready" : "package.failed";
        Map<String, Object> document = views.pkg(urls.base(), pkg);
        document.put("event", event);
        byte[] body;
        try {
            body = json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the webhook body", e);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(pkg.callbackUrl()))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "packager4j-platform")
                .header(WebhookSigner.EVENT_HEADER, event)
                .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSigner.SIGNATURE_HEADER, signer.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new WebhookFailedException("POST to the callback URL of package " + packageId + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookFailedException("interrupted while delivering the webhook of package " + packageId, e);
        }
        if (status < 200 || status > 299) {
            throw new WebhookFailedException("the callback URL of package " + packageId + " answered " + status, null);
        }
        metrics.webhook("delivered");
        LOG.info("delivered {} of package {} ({})", event, packageId, status);
    }

    /** A delivery that did not reach a 2xx answer. */
    static final class WebhookFailedException extends RuntimeException {
        WebhookFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Doubling delays from {@link #FIRST_RETRY_DELAY}, then gives up (the package is unaffected). */
    private final class RetryWithBackoff implements FailureHandler<Long> {
        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<Long> ops) {
            int failures = complete.getExecution().consecutiveFailures + 1;
            Object id = complete.getExecution().taskInstance.getData();
            String cause = complete.getCause().map(Throwable::getMessage).orElse("unknown error");
            if (failures >= MAX_ATTEMPTS) {
                metrics.webhook("abandoned");
                LOG.warn("giving up the webhook of package {} after {} attempts: {}", id, failures, cause);
                ops.stop();
            } else {
                metrics.webhook("failed");
                Instant next = complete.getTimeDone().plus(FIRST_RETRY_DELAY.multipliedBy(1L << (failures - 1)));
                LOG.info("webhook of package {} failed ({}); attempt {} at {}", id, cause, failures + 1, next);
                ops.reschedule(complete, next);
            }
        }
    }
}
