package io.packager4j.crypto.subsample;

import java.util.ArrayList;
import java.util.List;

/**
 * One length-prefixed NAL unit of a sample, found by a splitter written for the tests (so the
 * checks do not rely on the mapper's own walk).
 *
 * @param start  offset of the length prefix in the sample
 * @param body   offset of the NAL unit header in the sample
 * @param length NAL unit length (header included, prefix excluded)
 * @param type   nal_unit_type
 */
record NalUnit(int start, int body, int length, int type) {

    int end() {
        return body + length;
    }

    boolean isVcl(boolean hevc) {
        return hevc ? type <= 31 : type >= 1 && type <= 5;
    }

    static List<NalUnit> split(byte[] sample, int lengthSize, boolean hevc) {
        List<NalUnit> units = new ArrayList<>();
        int pos = 0;
        while (pos < sample.length) {
            long n = 0;
            for (int i = 0; i < lengthSize; i++) {
                n = n << 8 | (sample[pos + i] & 0xFF);
            }
            int body = pos + lengthSize;
            int type = hevc ? (sample[body] >> 1) & 0x3F : sample[body] & 0x1F;
            units.add(new NalUnit(pos, body, (int) n, type));
            pos = body + (int) n;
        }
        if (pos != sample.length) {
            throw new AssertionError("NAL units overrun the sample: " + pos + " > " + sample.length);
        }
        return units;
    }
}
