package io.packager4j.platform.jobs;

import io.packager4j.MediaInfo;
import io.packager4j.MediaProbe;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.platform.DataLayout;
import io.packager4j.platform.PlatformConfig;
import io.packager4j.platform.content.Ingest;
import io.packager4j.platform.http.ContentFiles;
import io.packager4j.platform.http.TestServer;
import io.packager4j.platform.keys.KeyVault;
import io.packager4j.platform.ladder.Transcoder;
import io.packager4j.platform.keys.MasterKey;
import io.packager4j.platform.metrics.PlatformMetrics;
import io.packager4j.platform.storage.FailingObjectStore;
import io.packager4j.platform.storage.ObjectStorageConfig;
import io.packager4j.platform.storage.S3MockServer;
import io.packager4j.platform.storage.S3ObjectStore;
import io.packager4j.platform.storage.S3PackageStorage;
import io.packager4j.platform.storage.Storage;
import io.packager4j.platform.store.Database;
import io.packager4j.platform.store.InputContent;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.Jdbc;
import io.packager4j.platform.store.PackageStatus;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing is published to a bucket before the whole presentation is there: a packaging job whose
 * upload fails part way (the store fails the third PUT) leaves the package short of Ready, the
 * bucket without its manifests, and the platform serving none of the objects that did arrive; the
 * job's retry then uploads everything, manifests last, and the package is Ready and served. Against
 * S3Mock, checked with an SDK client of the test's own.
 */
class S3PublicationTest {

    static final String KEY_HEX = "87237d20a19f58a740c05684e699b4aa";
    static final String KID_HEX = "a16e402b9056e371f36d348aa62bb749";

    @TempDir
    static Path tmp;

    static S3MockServer s3;
    static Database database;
    static Storage storage;
    static FailingObjectStore store;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3MockServer.start(tmp.resolve("s3"));
        s3.createBucket("p4j-in");
        s3.createBucket("p4j-out");
        // The platform's client takes its credentials from the SDK's default chain, here system properties.
        System.setProperty("aws.accessKeyId", S3MockServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3MockServer.SECRET_KEY);
        database = Database.open(PlatformConfig.defaults(tmp.resolve("data")));
        store = new FailingObjectStore(S3ObjectStore.create(new ObjectStorageConfig(s3.endpoint(), "us-east-1", "p4j-in",
                "p4j-out", true, ObjectStorageConfig.MIN_PART_SIZE)));
        storage = Storage.on(store, "p4j-in", "p4j-out", database.dataSource(), new DataLayout(tmp.resolve("data")).create());
    }

    @AfterAll
    static void stop() {
        if (storage != null) {
            storage.close();
        }
        if (database != null) {
            database.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    final DataLayout layout = new DataLayout(tmp.resolve("data"));
    final InputContentStore inputs = new InputContentStore(database.dataSource());
    final PackagedContentStore packages = new PackagedContentStore(database.dataSource());
    final List<Long> outcomes = new CopyOnWriteArrayList<>();

    /** The platform's job over the test's storage, recording the packages it reports finished. */
    PackagingJob job() throws IOException {
        return new PackagingJob(packages, inputs, vault(), layout, storage, Duration.ofSeconds(2), 1,
                outcomes::add, new PlatformMetrics(packages::countByStatus, () -> 0),
                // No renditions here: no ffmpeg needed.
                Transcoder.locate("/nonexistent/ffmpeg"));
    }

    KeyVault vault() throws IOException {
        return new KeyVault(MasterKey.load(null, layout.root()));
    }

    /** A package of an input kept in the input bucket, as an upload is; its ID. */
    long packageOfAnInputInTheBucket(String name) throws Exception {
        Path clip = TestClips.moovAtStart();
        MediaInfo info = MediaProbe.probe(clip);
        Path upload = Files.copy(clip, tmp.resolve(name));
        long size = Files.size(clip);
        InputContent input = storage.inputs().keep(upload, (c, key) -> inputs.insert(c, name, size,
                info.durationSeconds(), Ingest.describe(info), key));
        assertArrayEquals(Files.readAllBytes(clip), s3.bytes("p4j-in", input.objectKey()), "the input is in the bucket");
        KeyVault vault = vault();
        return Jdbc.inTransaction(database.dataSource(), c -> packages.insert(c, input.id(), ProtectionScheme.CENC,
                KID_HEX, vault.seal(HexFormat.of().parseHex(KEY_HEX), HexFormat.of().parseHex(KID_HEX)), null)).id();
    }

    @Test
    void aFailedUploadPublishesNothingAndTheRetryPublishesEverything() throws Exception {
        PackagingJob job = job();
        long id = packageOfAnInputInTheBucket("upload.mp4");
        String prefix = S3PackageStorage.prefix(id);
        String manifest = prefix + DataLayout.MANIFEST_FILE;
        String master = prefix + DataLayout.HLS_PLAYLIST_FILE;

        store.takeStored();
        store.failAfterPuts(2);
        IOException failure = assertThrows(IOException.class, () -> job.run(id, "test"));
        assertTrue(failure.getMessage().contains("injected"), failure.getMessage());
        List<String> arrived = store.takeStored();
        assertEquals(2, arrived.size(), "two objects stored before the failure: " + arrived);
        Map<String, Long> inBucket = s3.objects("p4j-out");
        assertTrue(inBucket.keySet().containsAll(arrived), inBucket.toString());
        assertFalse(inBucket.containsKey(manifest), "no manifest in the bucket: " + inBucket.keySet());
        assertFalse(inBucket.containsKey(master), "no HLS playlist in the bucket: " + inBucket.keySet());
        assertNotEquals(PackageStatus.READY, packages.find(id).orElseThrow().status());
        assertFalse(storage.packages().isPublished(id));

        ContentFiles files = new ContentFiles(storage.packages(),
                p -> packages.find(p).map(x -> x.status() == PackageStatus.READY).orElse(false));
        try (TestServer server = TestServer.start(files::register)) {
            for (String key : arrived) {
                HttpResponse<byte[]> r = server.get("/content/" + id + "/" + key.substring(prefix.length()));
                assertEquals(404, r.statusCode(), key + " is in the bucket but its package is not Ready");
            }
            assertEquals(404, server.get("/content/" + id + "/" + DataLayout.MANIFEST_FILE).statusCode());

            // The job engine's retry.
            store.stopFailing();
            job.run(id, "test");
            assertEquals(PackageStatus.READY, packages.find(id).orElseThrow().status());
            List<String> second = store.takeStored();
            assertEquals(List.of(manifest, master), second.subList(second.size() - 2, second.size()),
                    "the manifests are stored last: " + second);
            assertTrue(second.containsAll(arrived), "the retry stores everything again");
            assertTrue(second.contains(prefix + DataLayout.DOWNLOAD_FILE), second.toString());
            assertTrue(storage.packages().isPublished(id));

            HttpResponse<byte[]> served = server.get("/content/" + id + "/" + DataLayout.MANIFEST_FILE);
            assertEquals(200, served.statusCode());
            assertArrayEquals(s3.bytes("p4j-out", manifest), served.body(), "the manifest served is the object");
            for (String key : arrived) {
                HttpResponse<byte[]> r = server.get("/content/" + id + "/" + key.substring(prefix.length()));
                assertEquals(200, r.statusCode(), key);
                assertArrayEquals(s3.bytes("p4j-out", key), r.body(), key);
            }
        }
        assertFalse(Files.exists(layout.work(id)), "the work files are removed");

        // Deleting the package deletes its objects.
        storage.packages().delete(id);
        assertTrue(s3.objects("p4j-out").keySet().stream().noneMatch(k -> k.startsWith(prefix)), s3.objects("p4j-out").toString());
    }

    /**
     * Each job done once even when an instance is taken for dead while it works (a long pause): the
     * job engine revives the job elsewhere, so the paused attempt finds a later one when it resumes
     * and publishes nothing, records nothing and reports nothing; the later attempt does all of it.
     */
    @Test
    void anAttemptOvertakenByARevivedJobPublishesNothing() throws Exception {
        PackagingJob job = job();
        long id = packageOfAnInputInTheBucket("overtaken.mp4");
        String prefix = S3PackageStorage.prefix(id);
        // While this attempt fetches its input, another instance starts the job again.
        store.beforeNextDownload(() -> packages.startAttempt(id, "other:2"));
        store.takeStored();

        job.run(id, "paused:1");
        PackagedContent after = packages.find(id).orElseThrow();
        assertEquals(2, after.attempts(), after.toString());
        assertEquals("other:2", after.worker(), "the package is the later attempt's: " + after);
        assertNotEquals(PackageStatus.READY, after.status());
        assertTrue(store.takeStored().isEmpty(), "nothing uploaded by the overtaken attempt");
        assertTrue(s3.objects("p4j-out").keySet().stream().noneMatch(k -> k.startsWith(prefix)));
        assertFalse(outcomes.contains(id), "no outcome reported (no webhook) by the overtaken attempt");

        // The revived job, as the other instance runs it.
        job.run(id, "other:2");
        assertEquals(PackageStatus.READY, packages.find(id).orElseThrow().status());
        assertTrue(storage.packages().isPublished(id));
        assertEquals(List.of(id), outcomes.stream().filter(x -> x == id).toList(), "reported once");
    }
}
