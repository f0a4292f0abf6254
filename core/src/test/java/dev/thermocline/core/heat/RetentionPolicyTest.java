package dev.thermocline.core.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final RetentionPolicy POLICY = RetentionPolicy.KEY_VISUALIZER;
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static Optional<RetentionPolicy.Bucket> bucketOfMinuteAt(String start) {
        Instant s = Instant.parse(start);
        return POLICY.bucketFor(s, s.plus(Duration.ofMinutes(1)), NOW);
    }

    private static RetentionPolicy.Bucket bucket(String start, String end) {
        return new RetentionPolicy.Bucket(Instant.parse(start).toEpochMilli(), Instant.parse(end).toEpochMilli());
    }

    @Test
    void aMinuteCellYoungerThanSixHoursStaysAMinute() {
        assertThat(bucketOfMinuteAt("2026-11-24T06:05:00Z")).contains(bucket("2026-11-24T06:05:00Z", "2026-11-24T06:06:00Z"));
    }

    @Test
    void aMinuteCellWhoseTenMinuteBucketEndedSixHoursAgoRollsUpToTenMinutes() {
        assertThat(bucketOfMinuteAt("2026-11-24T05:53:00Z")).contains(bucket("2026-11-24T05:50:00Z", "2026-11-24T06:00:00Z"));
    }

    @Test
    void aBucketStraddlingTheSixHourLineWaitsUntilItIsWhollyOlder() {
        // [05:55, 06:05) has not wholly aged past 6 h at 12:00, so 06:01 stays a minute
        assertThat(bucketOfMinuteAt("2026-11-24T06:01:00Z")).contains(bucket("2026-11-24T06:01:00Z", "2026-11-24T06:02:00Z"));
    }

    @Test
    void cellsOlderThanFourDaysRollUpToTheHourAndOlderThanTwentyEightDaysExpire() {
        assertThat(bucketOfMinuteAt("2026-11-19T07:42:00Z")).contains(bucket("2026-11-19T07:00:00Z", "2026-11-19T08:00:00Z"));
        assertThat(POLICY.bucketFor(Instant.parse("2026-11-19T07:40:00Z"), Instant.parse("2026-11-19T07:50:00Z"), NOW))
                .contains(bucket("2026-11-19T07:00:00Z", "2026-11-19T08:00:00Z"));
        // its hour [11:00, 12:00) ended exactly 28 days ago: gone; the next hour is still kept
        assertThat(bucketOfMinuteAt("2026-10-27T11:59:00Z")).isEmpty();
        assertThat(bucketOfMinuteAt("2026-10-27T12:00:00Z")).contains(bucket("2026-10-27T12:00:00Z", "2026-10-27T13:00:00Z"));
    }

    @Test
    void aCellWiderThanATierSkipsItButIsNeverSplit() {
        Instant s = Instant.parse("2026-11-24T01:00:00Z");
        assertThat(POLICY.bucketFor(s, s.plus(Duration.ofMinutes(5)), NOW)).contains(bucket("2026-11-24T01:00:00Z", "2026-11-24T01:10:00Z"));
        Instant odd = Instant.parse("2026-11-24T01:08:00Z");
        assertThat(POLICY.bucketFor(odd, odd.plus(Duration.ofMinutes(5)), NOW))
                .as("straddles two 10-minute buckets and its hour is not 4 days old: it stays as it is")
                .contains(bucket("2026-11-24T01:08:00Z", "2026-11-24T01:13:00Z"));
    }

    @Test
    void validationNamesTheConflict() {
        assertThatThrownBy(() -> new RetentionPolicy(List.of(
                ResolutionTier.of(Duration.ofMinutes(10), Duration.ofHours(6)),
                ResolutionTier.of(Duration.ofMinutes(15), Duration.ofDays(4)))))
                .hasMessageContaining("resolution PT15M is not a coarser multiple of PT10M");
        assertThatThrownBy(() -> new RetentionPolicy(List.of(
                ResolutionTier.of(Duration.ofMinutes(1), Duration.ofHours(6)),
                ResolutionTier.of(Duration.ofMinutes(10), Duration.ofHours(6)))))
                .hasMessageContaining("must be kept longer than tier");
        assertThatThrownBy(() -> ResolutionTier.of(Duration.ofHours(1), Duration.ofMinutes(5)))
                .hasMessageContaining("keepFor PT5M is shorter than the resolution");
        assertThatThrownBy(() -> new RetentionPolicy(List.of())).hasMessageContaining("at least one resolution tier");
    }
}
