package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.packager4j.core.codec.CodecTestSupport.configBox;
import static io.packager4j.core.codec.CodecTestSupport.ffmpeg;
import static io.packager4j.core.codec.CodecTestSupport.ffprobeStream;
import static io.packager4j.core.codec.CodecTestSupport.hex;
import static io.packager4j.core.codec.CodecTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AudioSpecificConfig}, {@link EsDescriptor}, {@link Ac3Config}, {@link Eac3Config} and
 * {@link OpusConfig} on boxes that ffmpeg's encoders and MP4 muxer write (checked against ffprobe),
 * and on hand-made configs for what ffmpeg cannot produce (HE-AAC, PCE, escapes).
 */
class AudioConfigTest {

    @TempDir
    static Path dir;

    private static Path encodeAudio(String name, String codec, int rate, int channels) {
        Path mp4 = dir.resolve(name + ".mp4");
        if (!Files.exists(mp4)) {
            ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + rate + ":duration=0.1",
                    "-ac", Integer.toString(channels), "-c:a", codec, mp4.toString());
        }
        return mp4;
    }

    @Test
    void aacFromFfmpegMatchesFfprobe() throws PackagingException {
        for (int[] rateAndChannels : new int[][] {{48000, 6}, {22050, 1}}) {
            Path mp4 = encodeAudio("aac-" + rateAndChannels[0] + "-" + rateAndChannels[1], "aac",
                    rateAndChannels[0], rateAndChannels[1]);
            EsDescriptor esds = EsDescriptor.parse(configBox(read(mp4), "esds").payload());
            Map<String, String> probe = ffprobeStream(mp4, "a");
            AudioSpecificConfig asc = esds.audioSpecificConfig().orElseThrow();
            assertEquals(0x40, esds.objectTypeIndication());
            assertEquals(5, esds.streamType());
            assertEquals("LC", probe.get("profile"));
            assertEquals(AudioSpecificConfig.AOT_AAC_LC, asc.audioObjectType());
            assertEquals(Integer.parseInt(probe.get("sample_rate")), asc.samplingFrequency());
            assertEquals(Integer.parseInt(probe.get("channels")), asc.channelCount());
            assertEquals("mp4a.40.2", CodecStrings.aac(esds));
            assertFalse(asc.sbrPresent());
        }
    }

    @Test
    void ac3FromFfmpegMatchesFfprobe() throws PackagingException {
        Path mp4 = encodeAudio("ac3", "ac3", 48000, 6);
        Ac3Config dac3 = Ac3Config.parse(configBox(read(mp4), "dac3").payload());
        Map<String, String> probe = ffprobeStream(mp4, "a");
        assertEquals(Integer.parseInt(probe.get("channels")), dac3.channelCount());
        assertEquals(Integer.parseInt(probe.get("sample_rate")), dac3.sampleRate());
        assertEquals(Integer.parseInt(probe.get("bit_rate")) / 1000, dac3.bitrateKbps());
        assertEquals(7, dac3.acmod());
        assertTrue(dac3.lfeon());
        assertEquals(8, dac3.bsid());
    }

    @Test
    void eac3FromFfmpegMatchesFfprobe() throws PackagingException {
        Path mp4 = encodeAudio("eac3", "eac3", 44100, 2);
        Eac3Config dec3 = Eac3Config.parse(configBox(read(mp4), "dec3").payload());
        Map<String, String> probe = ffprobeStream(mp4, "a");
        assertEquals(Integer.parseInt(probe.get("channels")), dec3.channelCount());
        assertEquals(Integer.parseInt(probe.get("sample_rate")), dec3.sampleRate());
        assertEquals(1, dec3.numIndependentSubstreams());
        assertEquals(16, dec3.substreams().get(0).bsid());
        assertFalse(dec3.atmos());
    }

    @Test
    void opusFromFfmpegMatchesFfprobe() throws PackagingException {
        Path mp4 = encodeAudio("opus6", "libopus", 48000, 6);
        OpusConfig dOps = OpusConfig.parse(configBox(read(mp4), "dOps").payload());
        Map<String, String> probe = ffprobeStream(mp4, "a");
        assertEquals(Integer.parseInt(probe.get("channels")), dOps.outputChannelCount());
        assertEquals(1, dOps.channelMappingFamily());
        assertEquals(4, dOps.streamCount());
        assertEquals(2, dOps.coupledCount());
        assertEquals(6, dOps.channelMapping().length);
        assertEquals(48000, dOps.inputSampleRate());
    }

    @Test
    void sharedAacFilesUseBackwardCompatibleSignallingWithoutSbr() throws PackagingException {
        // bbb_prog_10s: AAC LC 44.1 kHz stereo followed by the 0x2B7 sync extension with sbrPresentFlag 0.
        EsDescriptor esds = EsDescriptor.parse(configBox(read(CodecTestSupport.sharedMp4ff("bbb_prog_10s.mp4")),
                "esds").payload());
        assertArrayEquals(hex("121056e500"), esds.decoderSpecificInfo());
        AudioSpecificConfig asc = esds.audioSpecificConfig().orElseThrow();
        assertEquals(2, asc.audioObjectType());
        assertEquals(44100, asc.samplingFrequency());
        assertEquals(2, asc.channelCount());
        assertFalse(asc.sbrPresent());
        assertEquals("mp4a.40.2", CodecStrings.aac(esds));
    }

    @Test
    void heAacHierarchicalSignalling() throws PackagingException {
        // AOT 5, 24 kHz core, stereo, SBR at 48 kHz, underlying AOT 2
        AudioSpecificConfig v1 = AudioSpecificConfig.parse(hex("2b118800"));
        assertEquals(2, v1.audioObjectType());
        assertTrue(v1.sbrPresent());
        assertFalse(v1.psPresent());
        assertEquals(5, v1.extensionAudioObjectType());
        assertEquals(24000, v1.samplingFrequency());
        assertEquals(48000, v1.extensionSamplingFrequency());
        assertEquals(48000, v1.outputSamplingFrequency());
        assertEquals(2, v1.channelCount());
        assertEquals("mp4a.40.5", CodecStrings.aac(v1));

        // AOT 29, 24 kHz core, mono, SBR at 48 kHz: parametric stereo decodes to two channels
        AudioSpecificConfig v2 = AudioSpecificConfig.parse(hex("eb098800"));
        assertTrue(v2.sbrPresent());
        assertTrue(v2.psPresent());
        assertEquals(1, v2.channelConfiguration());
        assertEquals(2, v2.channelCount());
        assertEquals("mp4a.40.29", CodecStrings.aac(v2));
    }

    @Test
    void heAacBackwardCompatibleSignalling() throws PackagingException {
        byte[] v2 = new BitWriter()
                .bits(2, 5).bits(6, 4).bits(1, 4).bits(0, 3) // AAC LC 24 kHz mono, GASpecificConfig
                .bits(0x2B7, 11).bits(5, 5).flag(true).bits(3, 4) // SBR present, 48 kHz
                .bits(0x548, 11).flag(true) // PS present
                .align().toBytes();
        AudioSpecificConfig asc = AudioSpecificConfig.parse(v2);
        assertEquals(2, asc.audioObjectType());
        assertTrue(asc.sbrPresent());
        assertTrue(asc.psPresent());
        assertEquals(48000, asc.outputSamplingFrequency());
        assertEquals("mp4a.40.29", CodecStrings.aac(asc));

        byte[] v1 = new BitWriter().bits(2, 5).bits(6, 4).bits(2, 4).bits(0, 3)
                .bits(0x2B7, 11).bits(5, 5).flag(true).bits(3, 4).align().toBytes();
        assertEquals("mp4a.40.5", CodecStrings.aac(AudioSpecificConfig.parse(v1)));
    }

    @Test
    void unparseableTrailingSyncExtensionMeansNoSbr() throws PackagingException {
        // 0x2B7 and AOT 5 with sbrPresentFlag set, but a reserved extension frequency index: not an SBR signal.
        byte[] dsi = new BitWriter().bits(2, 5).bits(4, 4).bits(2, 4).bits(0, 3)
                .bits(0x2B7, 11).bits(5, 5).flag(true).bits(13, 4).align().toBytes();
        AudioSpecificConfig asc = AudioSpecificConfig.parse(dsi);
        assertFalse(asc.sbrPresent());
        assertEquals(44100, asc.outputSamplingFrequency());
        assertEquals("mp4a.40.2", CodecStrings.aac(asc));
    }

    @Test
    void escapedObjectTypeAndExplicitFrequency() throws PackagingException {
        // AOT 42 (USAC) is 31 + 6 bits of 10; frequency index 15 with 50000 Hz explicit
        byte[] usac = new BitWriter().bits(31, 5).bits(10, 6).bits(15, 4).bits(50000, 24).bits(2, 4)
                .align().toBytes();
        AudioSpecificConfig asc = AudioSpecificConfig.parse(usac);
        assertEquals(42, asc.audioObjectType());
        assertEquals(15, asc.samplingFrequencyIndex());
        assertEquals(50000, asc.samplingFrequency());
        assertEquals("mp4a.40.42", CodecStrings.aac(asc));
    }

    @Test
    void programConfigElementGivesTheChannelCount() throws PackagingException {
        BitWriter w = new BitWriter().bits(2, 5).bits(3, 4).bits(0, 4) // AAC LC 48 kHz, channels in the PCE
                .flag(false).flag(false).flag(false) // GASpecificConfig
                .bits(0, 4).bits(1, 2).bits(3, 4) // element_instance_tag, object_type, sampling_frequency_index
                .bits(2, 4).bits(0, 4).bits(1, 4).bits(1, 2).bits(0, 3).bits(0, 4) // 2 front, 1 back, 1 LFE
                .flag(false).flag(false).flag(false) // no mixdowns
                .flag(true).bits(0, 4).flag(false).bits(1, 4) // front: CPE, SCE
                .flag(true).bits(1, 4) // back: CPE
                .bits(0, 4); // LFE
        w.align().bits(3, 8).bits('a', 8).bits('b', 8).bits('c', 8); // comment
        AudioSpecificConfig asc = AudioSpecificConfig.parse(w.toBytes());
        assertEquals(0, asc.channelConfiguration());
        assertEquals(6, asc.channelCount());
    }

    @Test
    void esDescriptorWithOptionalFieldsAndLongSizes() throws PackagingException {
        byte[] dsi = hex("1190");
        List<Byte> dcd = new ArrayList<>();
        addAll(dcd, hex("40" + "15" + "000600" + "0001f400" + "0000fa00"));
        addAll(dcd, hex("14 01 01")); // a profile level indication index descriptor to skip
        addAll(dcd, hex("05 80 80 80 02"));
        addAll(dcd, dsi);
        List<Byte> es = new ArrayList<>();
        addAll(es, hex("0007" + "e0" + "0003" + "04 616263 64" + "0009")); // ES_ID 7, all three flags
        addAll(es, hex("04 80 80 80"));
        es.add((byte) dcd.size());
        es.addAll(dcd);
        addAll(es, hex("06 01 02"));
        List<Byte> esds = new ArrayList<>();
        addAll(esds, hex("00000000 03 80 80 80"));
        esds.add((byte) es.size());
        esds.addAll(es);

        EsDescriptor d = EsDescriptor.parse(toArray(esds));
        assertEquals(7, d.esId());
        assertEquals(0x40, d.objectTypeIndication());
        assertEquals(5, d.streamType());
        assertEquals(0x600, d.bufferSizeDb());
        assertEquals(128000, d.maxBitrate());
        assertEquals(64000, d.avgBitrate());
        assertArrayEquals(dsi, d.decoderSpecificInfo());
        assertEquals(48000, d.audioSpecificConfig().orElseThrow().samplingFrequency());
        assertEquals("mp4a.40.2", CodecStrings.aac(d));
    }

    @Test
    void otherObjectTypesAndMissingDecoderSpecificInfo() throws PackagingException {
        EsDescriptor mp3 = EsDescriptor.parse(hex("00000000 03 12 0000 00 04 0d 6b 15 000000 0001f400 0001f400"));
        assertEquals("mp4a.6b", CodecStrings.aac(mp3));
        assertTrue(mp3.audioSpecificConfig().isEmpty());
        EsDescriptor noDsi = EsDescriptor.parse(hex("00000000 03 12 0000 00 04 0d 40 15 000000 0001f400 0001f400"));
        assertEquals("mp4a.40", CodecStrings.aac(noDsi));
    }

    @Test
    void eac3WithDependentSubstreamAndAtmos() throws PackagingException {
        // 5.1 independent substream plus a dependent one adding Lrs/Rrs (7.1), then the JOC trailer.
        byte[] dec3 = new BitWriter().bits(768, 13).bits(0, 3)
                .bits(0, 2).bits(16, 5).bit(0).flag(false).bits(0, 3).bits(7, 3).flag(true).bits(0, 3).bits(1, 4)
                .bits(0b000000010, 9)
                .bits(0, 7).flag(true).bits(16, 8).toBytes();
        Eac3Config c = Eac3Config.parse(dec3);
        assertEquals(768, c.dataRateKbps());
        assertEquals(8, c.channelCount());
        assertEquals(48000, c.sampleRate());
        assertTrue(c.atmos());
        assertEquals(16, c.complexityIndexTypeA());
    }

    @Test
    void opusStereoFromTheSharedFile() throws PackagingException {
        OpusConfig dOps = OpusConfig.parse(configBox(read(CodecTestSupport.sharedMp4ff("opus.mp4")), "dOps")
                .payload());
        assertEquals(2, dOps.outputChannelCount());
        assertEquals(312, dOps.preSkip());
        assertEquals(48000, dOps.inputSampleRate());
        assertEquals(0, dOps.channelMappingFamily());
        assertEquals(0, dOps.outputGain());
        assertEquals("opus", CodecStrings.opus());
    }

    @Test
    void invalidAudioConfigsAreRejectedWithClearMessages() {
        PackagingException e = assertThrows(PackagingException.class, () -> AudioSpecificConfig.parse(hex("1690")));
        assertEquals("AudioSpecificConfig: sampling frequency index 13 is reserved", e.getMessage());
        e = assertThrows(PackagingException.class, () -> Ac3Config.parse(hex("c0")));
        assertEquals("dac3: fscod 3 is reserved", e.getMessage());
        e = assertThrows(PackagingException.class, () -> OpusConfig.parse(hex("00 06 0138 0000bb80 0000 01 04 02 0001")));
        assertTrue(e.getMessage().startsWith("dOps: ChannelMapping needs 6 byte(s) at offset 13"), e.getMessage());
        e = assertThrows(PackagingException.class, () -> EsDescriptor.parse(hex("00000000 03 ff ff ff ff 01")));
        assertEquals("esds: ES_Descriptor size at offset 5 continues past 4 bytes", e.getMessage());
        e = assertThrows(PackagingException.class, () -> EsDescriptor.parse(hex("00000000 03 7f 0000")));
        assertEquals("esds: ES_Descriptor size 127 at offset 5 exceeds the 2 byte(s) left in its parent",
                e.getMessage());
    }

    private static void addAll(List<Byte> list, byte[] bytes) {
        for (byte b : bytes) {
            list.add(b);
        }
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
