package io.packager4j.crypto.cenc;

import io.packager4j.PackagingException;
import io.packager4j.core.cmaf.BoxWriter;
import io.packager4j.core.cmaf.SampleProtection;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.ProtectionOutput;
import io.packager4j.crypto.AesEngine;
import io.packager4j.crypto.CtrStream;
import io.packager4j.crypto.subsample.SubsampleMapper;
import io.packager4j.crypto.subsample.Subsamples;

import java.util.ArrayList;
import java.util.List;

/**
 * Encrypts one representation's samples with {@code cenc} or {@code cbcs} and writes the boxes
 * that describe them. One instance per representation, used by one thread.
 */
final class TrackEncryptor implements SampleProtection {

    private final TrackKind kind;
    private final ProtectedSampleEntry.TrackDefaults defaults;
    private final byte[] key;
    private final IvSequence ivs;
    private final SubsampleMapper mapper;
    private final double clearLeadSeconds;
    private final List<byte[]> psshBoxes;
    private final ProtectionOutput description;
    private final AesEngine engine;

    private final byte[] iv = new byte[16];
    private final Subsamples map = new Subsamples();
    private final SampleEncryptionBoxes auxInfo;
    private final EncryptedFragment encrypted = new EncryptedFragment();
    private final ClearFragment clear = new ClearFragment();

    TrackEncryptor(TrackKind kind, ProtectedSampleEntry.TrackDefaults defaults, byte[] key, IvSequence ivs,
                   SubsampleMapper mapper, double clearLeadSeconds, List<byte[]> psshBoxes,
                   ProtectionOutput description, AesEngine engine) {
        this.kind = kind;
        this.defaults = defaults;
        this.key = key.clone();
        this.ivs = ivs;
        this.mapper = mapper;
        this.clearLeadSeconds = clearLeadSeconds;
        this.psshBoxes = List.copyOf(psshBoxes);
        this.description = description;
        this.engine = engine;
        this.auxInfo = new SampleEncryptionBoxes(mapper != null);
    }

    @Override
    public List<byte[]> sampleEntries(byte[] clearSampleEntry) throws PackagingException {
        List<byte[]> entries = new ArrayList<>(2);
        entries.add(ProtectedSampleEntry.wrap(clearSampleEntry, kind, defaults));
        if (clearLeadSeconds > 0) {
            entries.add(clearSampleEntry);
        }
        return entries;
    }

    @Override
    public void writeInitBoxes(BoxWriter moov) {
        for (byte[] box : psshBoxes) {
            moov.bytes(box);
        }
    }

    @Override
    public ProtectionOutput describe() {
        return description;
    }

    @Override
    public FragmentProtection beginFragment(int segmentNumber, double startSeconds) {
        // Like Shaka Packager, a segment that starts inside the clear lead is clear as a whole. (Audio
        // may start a little before zero, by its encoder priming: that is no clear lead.)
        if (clearLeadSeconds > 0 && startSeconds < clearLeadSeconds) {
            return clear;
        }
        auxInfo.reset();
        return encrypted;
    }

    private void encryptSample(byte[] data, int offset, int length) throws PackagingException {
        boolean cenc = defaults.scheme() == ProtectionScheme.CENC;
        int ivSize = defaults.perSampleIvSize();
        if (cenc) {
            ivs.next(iv);
        }
        if (mapper == null) {
            map.reset();
            map.add(0, length);
        } else {
            mapper.map(data, offset, length, map);
        }
        if (cenc) {
            // One keystream runs through the sample's protected ranges, skipping the clear bytes.
            CtrStream stream = engine.ctrStream(key, iv);
            int pos = offset;
            for (int i = 0; i < map.count(); i++) {
                pos += map.clearBytes(i);
                stream.apply(data, pos, map.protectedBytes(i));
                pos += map.protectedBytes(i);
            }
        } else {
            // cbcs restarts the chain with the constant IV in every protected range.
            byte[] constantIv = defaults.constantIv();
            int pos = offset;
            for (int i = 0; i < map.count(); i++) {
                pos += map.clearBytes(i);
                engine.cbcsPattern(key, constantIv, data, pos, map.protectedBytes(i),
                        defaults.cryptByteBlock(), defaults.skipByteBlock(), true);
                pos += map.protectedBytes(i);
            }
        }
        auxInfo.add(iv, ivSize, map);
    }

    /** A fragment whose samples are encrypted. */
    private final class EncryptedFragment implements FragmentProtection {
        @Override
        public int sampleDescriptionIndex() {
            return 1;
        }

        @Override
        public void processSample(byte[] data, int offset, int length) throws PackagingException {
            encryptSample(data, offset, length);
        }

        @Override
        public void writeTrafBoxes(BoxWriter traf, int moofMark) {
            auxInfo.write(traf, moofMark);
        }
    }

    /** A clear-lead fragment: samples untouched, described by the clear second sample entry. */
    private static final class ClearFragment implements FragmentProtection {
        @Override
        public int sampleDescriptionIndex() {
            return 2;
        }

        @Override
        public void processSample(byte[] data, int offset, int length) {
        }

        @Override
        public void writeTrafBoxes(BoxWriter traf, int moofMark) {
        }

        @Override
        public boolean encrypts() {
            return false;
        }
    }
}
