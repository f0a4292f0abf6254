package dev.thermocline.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantParserTest {

    private static final Instant EXPECTED = Instant.parse("2026-11-24T10:31:07.123Z");

    @Test
    void readsIsoInstantsWithZOrAnOffset() {
        assertThat(InstantParser.parse("2026-11-24T10:31:07.123Z")).isEqualTo(EXPECTED);
        assertThat(InstantParser.parse("2026-11-24T11:31:07.123+01:00")).isEqualTo(EXPECTED);
        assertThat(InstantParser.parse(" 2026-11-24T10:31:07.123Z ")).isEqualTo(EXPECTED);
    }

    @Test
    void readsEpochMillis() {
        assertThat(InstantParser.parse(Long.toString(EXPECTED.toEpochMilli()))).isEqualTo(EXPECTED);
        assertThat(InstantParser.parse("0")).isEqualTo(Instant.EPOCH);
        assertThat(InstantParser.parse("-1")).isEqualTo(Instant.EPOCH.minusMillis(1));
    }

    @Test
    void rejectsAnythingElseNamingTheText() {
        assertThatThrownBy(() -> InstantParser.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time 'yesterday' is neither an ISO-8601 instant (e.g. 2026-11-24T10:31:07.123Z"
                        + " or 2026-11-24T11:31:07+01:00) nor epoch milliseconds");
        assertThatThrownBy(() -> InstantParser.parse("2026-11-24"))
                .hasMessageStartingWith("time '2026-11-24' is neither");
        assertThatThrownBy(() -> InstantParser.parse("2026-13-24T10:00:00Z"))
                .hasMessageStartingWith("time '2026-13-24T10:00:00Z' is neither");
        assertThatThrownBy(() -> InstantParser.parse("99999999999999999999"))
                .hasMessage("time '99999999999999999999' is out of range for epoch milliseconds");
        assertThatThrownBy(() -> InstantParser.parse(" "))
                .hasMessageStartingWith("time is missing");
        assertThatThrownBy(() -> InstantParser.parse(null))
                .hasMessageStartingWith("time is missing");
    }
}
