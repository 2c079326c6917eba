package io.packager4j.corpus;

import io.packager4j.MediaProbe;
import io.packager4j.Packager;
import io.packager4j.PackagingException;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.mp4.Mp4Reader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file of the malformed corpus fails with exactly the message its manifest line gives, as a
 * {@link PackagingException}, through the reader, the probe and the packager alike, and the packager
 * writes nothing. The corpus on disk must be what {@link MalformedCorpus} makes from the seeds, so
 * a change to the generator cannot leave stale files behind.
 */
class MalformedCorpusTest {

    /** The committed corpus, relative to the dash module (Maven runs tests there). */
    private static final Path CORPUS = Path.of(System.getProperty("packager4j.corpus.dir", "src/test/resources/malformed"));

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyFileFailsWithItsExactMessage() throws IOException {
        return manifest().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path file = CORPUS.resolve(e.getKey());
            assertTrue(Files.isRegularFile(file), file + " is in the manifest but missing");
            String expected = e.getValue();

            PackagingException read = assertThrows(PackagingException.class, () -> {
                try (MediaFile ignored = new Mp4Reader().open(file)) {
                    // opening must fail
                }
            }, "Mp4Reader accepted " + file);
            assertEquals(expected, read.getMessage(), "Mp4Reader's message for " + file);

            PackagingException probed = assertThrows(PackagingException.class, () -> MediaProbe.probe(file));
            assertEquals(expected, probed.getMessage(), "MediaProbe's message for " + file);

            Path work = Files.createTempDirectory(tmp, "run");
            PackagingException packaged = assertThrows(PackagingException.class, () -> Packager.builder()
                    .input(file).output(work.resolve("out")).threads(1).build().run());
            assertEquals(expected, packaged.getMessage(), "Packager's message for " + file);
            try (Stream<Path> left = Files.list(work)) {
                assertEquals(List.of(), left.toList(), "the packager left output behind for " + file);
            }
        }));
    }

    @Test
    void manifestAndFolderListTheSameFiles() throws IOException {
        TreeSet<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mp4")).forEach(onDisk::add);
        }
        TreeSet<String> listed = new TreeSet<>(manifest().keySet());
        List<String> unlisted = new ArrayList<>();
        for (String name : onDisk) {
            if (!listed.contains(name)) {
                // Say what the file fails with now, for review before it goes into the manifest.
                unlisted.add(name + "\t" + MalformedCorpus.actualMessage(CORPUS.resolve(name)));
            }
        }
        assertEquals(List.of(), unlisted, "corpus files without an expected message in " + MalformedCorpus.MANIFEST);
        listed.removeAll(onDisk);
        assertEquals(new TreeSet<>(), listed, "manifest lines without a corpus file");
    }

    /** The generator, run again on the committed seeds, makes exactly the committed files. */
    @Test
    void corpusIsWhatTheGeneratorMakes() throws IOException {
        Map<String, byte[]> cases = MalformedCorpus.cases(CORPUS.resolve("seed"));
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            Path file = CORPUS.resolve(c.getKey());
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), c.getValue())) {
                differing.add(c.getKey());
            }
        }
        assertEquals(List.of(), differing, "corpus files that differ from what MalformedCorpus makes; re-run it");
        assertEquals(new TreeSet<>(cases.keySet()), new TreeSet<>(manifest().keySet()),
                "the generator's cases and the manifest's lines");
    }

    @Test
    void corpusStaysSmall() throws IOException {
        long total;
        try (Stream<Path> files = Files.walk(CORPUS)) {
            total = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total < 600_000, "the committed corpus is " + total + " bytes; keep it well under 1 MB");
    }

    static Map<String, String> manifest() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(CORPUS.resolve(MalformedCorpus.MANIFEST), StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            assertTrue(tab > 0, "manifest line without a tab: " + line);
            String previous = out.put(line.substring(0, tab), line.substring(tab + 1));
            assertTrue(previous == null, "manifest lists " + line.substring(0, tab) + " twice");
        }
        return out;
    }

    /** The damage, not the seed, must be what each file is refused for. */
    @Test
    void seedsAreAccepted() throws Exception {
        for (String seed : List.of("clip.mp4", "hevc.mp4", "clip-cenc.mp4")) {
            try (MediaFile f = new Mp4Reader().open(CORPUS.resolve("seed").resolve(seed))) {
                assertTrue(f.tracks().size() >= 1, seed);
            }
        }
    }
}
