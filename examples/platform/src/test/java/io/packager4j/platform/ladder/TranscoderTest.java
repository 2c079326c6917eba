package io.packager4j.platform.ladder;

import io.packager4j.PackagingException;
import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ffmpeg found (or not) at start-up, run for a ladder, and never left running by a stopped job. */
class TranscoderTest {

    private static final Duration SEGMENT = Duration.ofSeconds(2);

    @TempDir
    static Path media;
    /** 20 s of 640x360 with audio: a transcode that lasts long enough to be stopped midway. */
    static Path longSource;

    @TempDir
    Path work;

    @BeforeAll
    static void makeSource() {
        longSource = media.resolve("long.mp4");
        Ffmpeg.run("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=20",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=20",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", longSource.toString());
    }

    private static Ladder ladder(String... names) {
        return Ladder.plan(Rendition.parseAll(List.of(names)), 360);
    }

    @Test
    void theMachinesFfmpegIsFoundWithItsVersion() throws Exception {
        Transcoder t = Transcoder.locate("ffmpeg");
        assertTrue(t.available(), t::unavailableReason);
        Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
        String firstLine = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElseThrow();
        p.waitFor(30, TimeUnit.SECONDS);
        assertTrue(firstLine.startsWith("ffmpeg version " + t.version() + " "), firstLine + " vs " + t.version());
    }

    @Test
    void aMissingOrWrongFfmpegIsUnavailableWithTheReason() {
        Transcoder missing = Transcoder.locate("/nonexistent/ffmpeg");
        assertFalse(missing.available());
        assertTrue(missing.unavailableReason().startsWith("cannot run /nonexistent/ffmpeg: "), missing.unavailableReason());
        IOException e = assertThrows(IOException.class, () -> missing.transcode(longSource, 20, ladder("240p"), true,
                SEGMENT, work, p -> { }));
        assertTrue(e.getMessage().contains("cannot make renditions"), e.getMessage());

        Transcoder notFfmpeg = Transcoder.locate("true");
        assertFalse(notFfmpeg.available());
        assertTrue(notFfmpeg.unavailableReason().startsWith("true -version exited with 0"), notFfmpeg.unavailableReason());
    }

    @Test
    void aLadderIsMadeWithRisingProgress() throws Exception {
        Path source = TestClips.moovAtStart(); // 320x240, 6 s, AAC
        Ladder ladder = Ladder.plan(Rendition.parseAll(List.of("240p", "360p")), 240);
        assertEquals(List.of(240), ladder.rungs().stream().map(Ladder.Rung::height).toList(), "capped to the source");
        List<Integer> percents = new CopyOnWriteArrayList<>();
        Transcoder.locate("ffmpeg").transcode(source, 6.0, ladder, true, SEGMENT, work, percents::add);
        assertEquals(List.of("audio.mp4", "video-240.mp4"), list(work));
        assertEquals(240, Ffmpeg.ffprobeStreams(work.resolve("video-240.mp4")).get(0).height());
        assertFalse(percents.isEmpty());
        for (int i = 1; i < percents.size(); i++) {
            assertTrue(percents.get(i) >= percents.get(i - 1), percents::toString);
        }
        assertEquals(100, percents.get(percents.size() - 1), percents::toString);
    }

    @Test
    void ffmpegsErrorIsTheMessageWithoutTheServersPaths() throws Exception {
        Path source = TestClips.notAnMp4();
        PackagingException e = assertThrows(PackagingException.class, () -> Transcoder.locate("ffmpeg")
                .transcode(source, 6.0, ladder("240p"), false, SEGMENT, work, p -> { }));
        assertTrue(e.getMessage().startsWith("transcoding with ffmpeg failed (exit "), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid data found when processing input"), e.getMessage());
        assertFalse(e.getMessage().contains(source.getParent().toString()), "no server path: " + e.getMessage());
        assertFalse(e.getMessage().contains(work.toString()), "no server path: " + e.getMessage());
    }

    @Test
    void interruptingTheJobKillsFfmpeg() throws Exception {
        Transcoder transcoder = Transcoder.locate("ffmpeg");
        Throwable thrown = stopMidway(transcoder, Thread::interrupt);
        assertInstanceOf(InterruptedIOException.class, thrown, String.valueOf(thrown));
    }

    @Test
    void closingTheTranscoderKillsFfmpegAndIsNoFaultOfTheInput() throws Exception {
        Transcoder transcoder = Transcoder.locate("ffmpeg");
        Throwable thrown = stopMidway(transcoder, job -> transcoder.close());
        // An IOException, so the job engine retries the package later instead of marking it Failed.
        assertInstanceOf(IOException.class, thrown, String.valueOf(thrown));
        assertTrue(thrown.getMessage().contains("stopping"), thrown.getMessage());
        assertThrows(IOException.class, () -> transcoder.transcode(longSource, 20, ladder("240p"), true, SEGMENT,
                work, p -> { }), "a closed transcoder starts nothing");
    }

    /**
     * Starts a transcode on its own thread, applies {@code stop} once ffmpeg has reported progress,
     * and returns what the transcode threw; by then no ffmpeg may be left among this JVM's children.
     */
    private Throwable stopMidway(Transcoder transcoder, java.util.function.Consumer<Thread> stop) throws Exception {
        CountDownLatch progressed = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread job = new Thread(() -> {
            try {
                transcoder.transcode(longSource, 20, ladder("240p", "360p"), true, SEGMENT, work, p -> {
                    if (p > 0) {
                        progressed.countDown();
                    }
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "test-job");
        job.start();
        assertTrue(progressed.await(60, TimeUnit.SECONDS), "ffmpeg reported progress");
        List<ProcessHandle> running = ffmpegChildren();
        assertEquals(1, running.size(), "one ffmpeg for the whole ladder: " + running);
        stop.accept(job);
        job.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(job.isAlive());
        assertNotNull(thrown.get(), "the transcode did not complete");
        assertFalse(running.get(0).isAlive(), "ffmpeg is dead once the transcode has returned");
        assertEquals(List.of(), ffmpegChildren());
        return thrown.get();
    }

    private static List<ProcessHandle> ffmpegChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false)).toList();
    }

    private static List<String> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
