package dev.thermocline.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.KeyRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void keepsTheNewestSnapshotAtOrBeforeTheHorizonAndTheChangesAfterTheEarliestCutoffItOrLaterOnesList() {
        RetentionRule.BackupPoint s1 = point(1, T0.plusSeconds(100), copy("p0", T0.plusSeconds(90)), copy("p1", T0.plusSeconds(90)));
        // p1 carried over from s1 with its old cutoff; p0 rebuilt
        RetentionRule.BackupPoint s2 = point(2, T0.plusSeconds(200), copy("p0", T0.plusSeconds(190)), copy("p1", T0.plusSeconds(90)));
        RetentionRule.BackupPoint s3 = point(3, T0.plusSeconds(300), copy("p0", T0.plusSeconds(290)), copy("p1", T0.plusSeconds(290)));

        RetentionRule rule = RetentionRule.decide(List.of(s3, s1, s2), Set.of("orders"), T0.plusSeconds(250));

        assertThat(rule.oldestBackupToKeep()).contains(2L);
        assertThat(rule.changesNeededAfter()).containsExactly(Map.entry("orders", T0.plusSeconds(90)));
    }

    @Test
    void keepsEverythingWhenNoSnapshotIsOldEnoughOrATableIsNotCovered() {
        RetentionRule.BackupPoint s1 = point(1, T0.plusSeconds(100), copy("p0", T0.plusSeconds(90)));

        assertThat(RetentionRule.decide(List.of(s1), Set.of("orders"), T0.plusSeconds(50)))
                .isEqualTo(new RetentionRule(java.util.Optional.empty(), Map.of()));
        assertThat(RetentionRule.decide(List.of(s1), Set.of("orders", "customers"), T0.plusSeconds(150))
                .changesNeededAfter()).containsOnlyKeys("orders");
    }

    private static RetentionRule.BackupPoint point(long id, Instant at, BackupCopy... copies) {
        return new RetentionRule.BackupPoint(id, at, Map.of("orders", List.of(copies)));
    }

    private static BackupCopy copy(String id, Instant cutoff) {
        KeyRange range = id.equals("p0") ? new KeyRange(null, Key.of(100)) : new KeyRange(Key.of(100), null);
        return new BackupCopy("orders", id, range, 0, cutoff, 0, 0, 1);
    }
}
