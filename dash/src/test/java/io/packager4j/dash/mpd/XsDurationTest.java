package io.packager4j.dash.mpd;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class XsDurationTest {

    @Test
    void formatsMinutesSecondsAndMilliseconds() {
        assertEquals("PT0S", XsDuration.format(Duration.ZERO));
        assertEquals("PT1M4.000S", XsDuration.format(Duration.ofSeconds(64)));
        assertEquals("PT9.200S", XsDuration.format(XsDuration.ofSeconds(9.2)));
        assertEquals("PT0.005S", XsDuration.format(Duration.ofMillis(5)));
        assertEquals("PT0.050S", XsDuration.format(Duration.ofMillis(50)));
        assertEquals("PT1H0.000S", XsDuration.format(Duration.ofHours(1)));
        assertEquals("PT1H1M1.500S", XsDuration.format(Duration.ofMillis(3_661_500)));
    }

    @Test
    void roundsToTheNearestMillisecond() {
        assertEquals("PT0S", XsDuration.format(Duration.ofNanos(499_999)));
        assertEquals("PT0.001S", XsDuration.format(Duration.ofNanos(500_000)));
        assertEquals("PT2.000S", XsDuration.format(Duration.ofNanos(1_999_500_000)));
        assertEquals("PT0S", XsDuration.format(XsDuration.ofSeconds(0.0004)));
        assertEquals("PT10.010S", XsDuration.format(XsDuration.ofSeconds(10.0099999)));
    }

    @Test
    void neverUsesScientificNotation() {
        assertEquals("PT2777H46M40.000S", XsDuration.format(XsDuration.ofSeconds(1e7)));
        assertEquals("PT0S", XsDuration.format(XsDuration.ofSeconds(1e-7)));
    }

    @Test
    void rejectsNegativeAndNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> XsDuration.format(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> XsDuration.ofSeconds(-0.5));
        assertThrows(IllegalArgumentException.class, () -> XsDuration.ofSeconds(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> XsDuration.ofSeconds(Double.POSITIVE_INFINITY));
    }

    @Test
    void adapterReadsBackWhatItWrites() {
        XsDurationAdapter adapter = new XsDurationAdapter();
        Duration d = Duration.ofMillis(3_661_500);
        assertEquals(d, adapter.unmarshal(adapter.marshal(d)));
    }
}
