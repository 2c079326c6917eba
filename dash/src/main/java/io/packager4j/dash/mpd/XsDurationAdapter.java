package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

import java.time.Duration;

/**
 * Maps {@link Duration} attributes to {@code xs:duration} text with {@link XsDuration}.
 *
 * <p>Reading back accepts the day-time forms {@link Duration#parse} understands ({@code PT...},
 * {@code PnDT...}), which covers everything we write; year and month durations are not supported
 * because they have no fixed length.
 */
public final class XsDurationAdapter extends XmlAdapter<String, Duration> {

    @Override
    public String marshal(Duration value) {
        return value == null ? null : XsDuration.format(value);
    }

    @Override
    public Duration unmarshal(String value) {
        // Duration.parse accepts the PTnHnMn.nS form we write, which is all we ever need to read.
        return value == null ? null : Duration.parse(value.trim());
    }
}
