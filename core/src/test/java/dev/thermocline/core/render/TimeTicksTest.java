package dev.thermocline.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeTicksTest {

    @Test
    void anHourInTenMinuteStepsWithTheDateOnce() {
        assertThat(TimeTicks.between(Instant.parse("2026-11-24T09:55:00Z"), Instant.parse("2026-11-24T11:00:00Z"), 9))
                .extracting(TimeTicks.Tick::time, TimeTicks.Tick::date)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("10:00", "2026-11-24"),
                        org.assertj.core.groups.Tuple.tuple("10:10", ""),
                        org.assertj.core.groups.Tuple.tuple("10:20", ""),
                        org.assertj.core.groups.Tuple.tuple("10:30", ""),
                        org.assertj.core.groups.Tuple.tuple("10:40", ""),
                        org.assertj.core.groups.Tuple.tuple("10:50", ""),
                        org.assertj.core.groups.Tuple.tuple("11:00", ""));
    }

    @Test
    void midnightShowsTheNewDate() {
        assertThat(TimeTicks.between(Instant.parse("2026-11-24T20:00:00Z"), Instant.parse("2026-11-25T04:00:00Z"), 9))
                .filteredOn(t -> !t.date().isEmpty())
                .extracting(TimeTicks.Tick::time, TimeTicks.Tick::date)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("20:00", "2026-11-24"),
                        org.assertj.core.groups.Tuple.tuple("00:00", "2026-11-25"));
    }

    @Test
    void shortSpansShowSecondsAndLongOnesDays() {
        assertThat(TimeTicks.between(Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:00:20Z"), 9))
                .first().extracting(TimeTicks.Tick::time).isEqualTo("10:00:00");
        assertThat(TimeTicks.between(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"), 9))
                .first().extracting(TimeTicks.Tick::time, TimeTicks.Tick::date)
                .isEqualTo(java.util.List.of("11-02", "2026")); // weekly, on Mondays
    }
}
