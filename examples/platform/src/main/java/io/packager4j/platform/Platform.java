package io.packager4j.platform;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import io.packager4j.core.mp4.ReaderLimits;
import io.packager4j.platform.content.ContentDeletion;
import io.packager4j.platform.content.EncodeRequests;
import io.packager4j.platform.content.Ingest;
import io.packager4j.platform.content.PackageRequests;
import io.packager4j.platform.content.UploadProbe;
import io.packager4j.platform.http.ClearKeyLicenseSource;
import io.packager4j.platform.http.ContentFiles;
import io.packager4j.platform.http.EncodeEndpoint;
import io.packager4j.platform.http.ErrorResponses;
import io.packager4j.platform.http.Health;
import io.packager4j.platform.http.HomePage;
import io.packager4j.platform.http.JsonApi;
import io.packager4j.platform.http.OriginalApi;
import io.packager4j.platform.http.PlayPage;
import io.packager4j.platform.http.PublicUrls;
import io.packager4j.platform.http.UploadEndpoint;
import io.packager4j.platform.http.Views;
import io.packager4j.platform.jobs.PackagingJob;
import io.packager4j.platform.jobs.PackagingJobs;
import io.packager4j.platform.keys.KeyVault;
import io.packager4j.platform.keys.MasterKey;
import io.packager4j.platform.keys.WebhookSecret;
import io.packager4j.platform.ladder.Transcoder;
import io.packager4j.platform.license.ClearKeyLicenseEndpoint;
import io.packager4j.platform.license.LicenseTokens;
import io.packager4j.platform.metrics.PlatformMetrics;
import io.packager4j.platform.storage.Storage;
import io.packager4j.platform.store.Database;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.PackageStatus;
import io.packager4j.platform.store.PackagedContentStore;
import io.packager4j.platform.webhooks.WebhookDeliveries;
import io.packager4j.platform.webhooks.WebhookSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The running platform: database (migrated), job engine, HTTP server. {@link #start} wires and
 * starts everything; {@link #close} stops the HTTP server first, then lets running jobs reach a
 * step boundary or be abandoned (they resume on the next start), then closes the database.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

    /** Jobs package one input at a time; each uses this many threads for its segments. */
    private static final int THREADS_PER_JOB = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final Duration ABANDONED_UPLOAD_AGE = Duration.ofHours(1);

    private final Database database;
    private final Storage storage;
    private final PackagingJobs jobs;
    private final UploadProbe probe;
    private final Transcoder transcoder;
    private final Javalin app;

    private Platform(Database database, Storage storage, PackagingJobs jobs, UploadProbe probe, Transcoder transcoder,
                     Javalin app) {
        this.database = database;
        this.storage = storage;
        this.jobs = jobs;
        this.probe = probe;
        this.transcoder = transcoder;
        this.app = app;
    }

    public static Platform start(PlatformConfig config) throws IOException {
        LOG.info("starting with {}", config);
        DataLayout layout = new DataLayout(config.dataDir()).create();
        removeAbandonedUploads(layout);
        Database database = Database.open(config);
        // Checked once: only requests for renditions need it, and they are refused without it.
        Transcoder transcoder = Transcoder.locate(config.ffmpeg());
        PackagingJobs jobs = null;
        UploadProbe probe = null;
        Storage storage = null;
        try {
            storage = Storage.open(config.objectStorage(), database.dataSource(), layout);
            InputContentStore inputs = new InputContentStore(database.dataSource());
            PackagedContentStore packages = new PackagedContentStore(database.dataSource());
            MasterKey master = MasterKey.load(config.masterKey(), config.dataDir());
            KeyVault vault = new KeyVault(master);
            LicenseTokens tokens = new LicenseTokens(master, Clock.systemUTC(), config.tokenTtl());

            Javalin app = createServer(config, layout);
            PublicUrls urls = new PublicUrls(config.publicUrl(), app::port);
            Views views = new Views(urls);
            PlatformMetrics metrics = new PlatformMetrics(packages::countByStatus,
                    () -> PackagingJobs.queueDepth(database.dataSource()));
            WebhookSigner signer = new WebhookSigner(WebhookSecret.load(config.webhookSecret(), config.dataDir()));
            WebhookDeliveries webhooks = new WebhookDeliveries(packages, views, urls, signer, metrics, Clock.systemUTC());

            PackagingJob job = new PackagingJob(packages, inputs, vault, layout, storage, config.segmentDuration(),
                    THREADS_PER_JOB, webhooks, metrics, transcoder);
            jobs = new PackagingJobs(database.dataSource(), database.vendor(), job, packages, config.workers(),
                    config.heartbeat(), List.of(webhooks.task()), webhooks);
            webhooks.attach(jobs.client());

            probe = new UploadProbe(ReaderLimits.DEFAULT, config.probeTimeout());
            UploadEndpoint upload = new UploadEndpoint(
                    new Ingest(inputs, layout, storage.inputs(), config.maxUploadBytes(), probe),
                    config.maxUploadBytes());
            PackageRequests requests = new PackageRequests(database.dataSource(), inputs, packages, vault, jobs,
                    transcoder);
            ContentDeletion deletion = new ContentDeletion(database.dataSource(), inputs, packages, layout, storage);
            EncodeRequests encode = new EncodeRequests(database.dataSource(), inputs, packages, vault, jobs,
                    storage.bucketInputs(), transcoder);

            ErrorResponses.install(app);
            new HomePage().register(app);
            new Health(database.dataSource()).register(app);
            new OriginalApi(upload, requests, inputs, packages, storage.packages(), views).register(app);
            new EncodeEndpoint(encode).register(app);
            new JsonApi(upload, requests, inputs, packages, deletion, views).register(app);
            // In a bucket, a package's objects appear one by one: none is served before it is Ready.
            new ContentFiles(storage.packages(), storage.servesOnlyReadyPackages()
                    ? id -> packages.find(id).map(p -> p.status() == PackageStatus.READY).orElse(false)
                    : id -> true).register(app);
            new ClearKeyLicenseEndpoint(tokens, new ClearKeyLicenseSource(packages, vault)).register(app);
            new PlayPage(tokens, id -> packages.find(id).map(p -> p.status() == PackageStatus.READY).orElse(false))
                    .register(app);
            metrics.register(app);

            app.start(config.port());
            jobs.start();
            requeueUnfinished(packages, jobs);
            LOG.info("packager4j platform listening on http://localhost:{}/ (data in {})", app.port(), config.dataDir());
            return new Platform(database, storage, jobs, probe, transcoder, app);
        } catch (RuntimeException | IOException e) {
            if (jobs != null) {
                jobs.close();
            }
            transcoder.close();
            if (probe != null) {
                probe.close();
            }
            if (storage != null) {
                storage.close();
            }
            database.close();
            throw e;
        }
    }

    private static Javalin createServer(PlatformConfig config, DataLayout layout) {
        return Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jetty.multipartConfig.cacheDirectory(layout.uploads().toString());
            c.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes() + UploadEndpoint.MULTIPART_OVERHEAD,
                    SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
            c.staticFiles.add(s -> {
                s.hostedPath = "/web";
                s.directory = "/web";
                s.location = Location.CLASSPATH;
                // Short: play.js and the vendored player change with platform upgrades and have fixed names.
                s.headers = java.util.Map.of("Cache-Control", "public, max-age=300");
            });
        });
    }

    /**
     * Uploads cut off by a crash are never resumed; their partial files go. Only those untouched for
     * {@link #ABANDONED_UPLOAD_AGE}: instances sharing the data directory share this folder, and
     * another instance's upload in progress is being written to (or was just written and is being
     * probed, which takes seconds).
     */
    private static void removeAbandonedUploads(DataLayout layout) throws IOException {
        Instant cutoff = Instant.now().minus(ABANDONED_UPLOAD_AGE);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(layout.uploads())) {
            for (Path p : leftovers) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    FileTrees.delete(p);
                }
            }
        }
    }

    /** Queues every unfinished package that has no job (lost between its insert and its queueing). */
    private static void requeueUnfinished(PackagedContentStore packages, PackagingJobs jobs) {
        for (long id : packages.unfinishedIds()) {
            jobs.enqueue(id);
        }
    }

    public int port() {
        return app.port();
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    @Override
    public void close() {
        LOG.info("stopping");
        app.stop();
        probe.close();
        // Before the job engine waits for running jobs: a transcode would otherwise hold it up to its
        // time limit; killed, its job resumes on the next start.
        transcoder.close();
        jobs.close();
        storage.close();
        database.close();
    }
}
