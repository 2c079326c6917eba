package io.packager4j.platform.storage;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 options: off without buckets, both buckets or neither, and clear refusals of bad values. */
class ObjectStorageConfigTest {

    @Test
    void noBucketsMeansLocalDisk() {
        assertNull(ObjectStorageConfig.fromOptions(null, "us-east-1", null, " ", false, 16));
    }

    @Test
    void takesTheOptions() {
        ObjectStorageConfig c = ObjectStorageConfig.fromOptions(" http://localhost:9000 ", "", "video-in", "video-out",
                true, 5);
        assertEquals(URI.create("http://localhost:9000"), c.endpoint());
        assertEquals("us-east-1", c.region(), "the default region");
        assertEquals(5L * 1024 * 1024, c.partSizeBytes());
        assertTrue(c.pathStyle());
        assertNull(ObjectStorageConfig.fromOptions("", "eu-west-1", "a-b", "a-b", false, 16).endpoint(), "AWS");
    }

    @Test
    void refusesWhatCannotWork() {
        assertMessage("both --s3-input-bucket and --s3-output-bucket",
                () -> ObjectStorageConfig.fromOptions(null, null, "video-in", null, false, 16));
        assertMessage("between 5 and 5120", () -> ObjectStorageConfig.fromOptions(null, null, "video-in", "video-out",
                false, 4));
        assertMessage("not a valid S3 bucket name", () -> ObjectStorageConfig.fromOptions(null, null, "Video_In",
                "video-out", false, 16));
        assertMessage("http:// or https://", () -> ObjectStorageConfig.fromOptions("ftp://host", null, "video-in",
                "video-out", false, 16));
        assertMessage("must not carry credentials", () -> ObjectStorageConfig.fromOptions("http://key:secret@host",
                null, "video-in", "video-out", false, 16));
    }

    @Test
    void saysNothingSecretWhenLogged() {
        String logged = ObjectStorageConfig.fromOptions("http://localhost:9000", null, "video-in", "video-out", true, 16)
                .toString();
        assertTrue(logged.contains("video-in") && logged.contains("16 MiB"), logged);
        assertFalse(logged.toLowerCase(java.util.Locale.ROOT).contains("secret"), logged);
    }

    private static void assertMessage(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
