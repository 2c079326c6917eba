package io.packager4j.platform.metrics;

import io.javalin.Javalin;
import io.packager4j.platform.store.PackageStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The platform's Prometheus metrics, served at {@code GET /metrics} in the text format. Job counts
 * and the queue depth are read from the database at scrape time (so every instance sharing it
 * reports the same truth); durations and byte counts are this instance's own.
 */
public final class PlatformMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram packagingSeconds;
    private final Counter inputBytes;
    private final Counter outputBytes;
    private final Counter webhookDeliveries;

    /**
     * @param jobsByStatus package counts by status, from the database
     * @param queueDepth   packaging jobs waiting to be picked up
     */
    public PlatformMetrics(Supplier<Map<PackageStatus, Long>> jobsByStatus, LongSupplier queueDepth) {
        GaugeWithCallback.builder().name("packager4j_packages").help("Packages by status")
                .labelNames("status")
                .callback(cb -> jobsByStatus.get().forEach((status, n) -> cb.call(n, status.label())))
                .register(registry);
        GaugeWithCallback.builder().name("packager4j_job_queue_depth")
                .help("Packaging jobs queued and not yet picked up by an instance")
                .callback(cb -> cb.call(queueDepth.getAsLong()))
                .register(registry);
        packagingSeconds = Histogram.builder().name("packager4j_packaging_seconds")
                .help("Wall time of packaging jobs that completed on this instance")
                .classicOnly().classicUpperBounds(0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800)
                .register(registry);
        inputBytes = Counter.builder().name("packager4j_input_bytes")
                .help("Bytes of source files packaged by this instance").register(registry);
        outputBytes = Counter.builder().name("packager4j_output_bytes")
                .help("Bytes of presentations published by this instance").register(registry);
        webhookDeliveries = Counter.builder().name("packager4j_webhook_deliveries")
                .help("Webhook POSTs by outcome: delivered, failed (will retry), abandoned")
                .labelNames("outcome").register(registry);
    }

    /** A job completed: how long it took and the bytes it read and published. */
    public void packaged(double seconds, long bytesIn, long bytesOut) {
        packagingSeconds.observe(seconds);
        inputBytes.inc(bytesIn);
        outputBytes.inc(bytesOut);
    }

    public void webhook(String outcome) {
        webhookDeliveries.labelValues(outcome).inc();
    }

    public void register(Javalin app) {
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        app.get("/metrics", ctx -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(out, registry.scrape());
            ctx.contentType(writer.getContentType()).header("Cache-Control", "no-store").result(out.toByteArray());
        });
    }
}
