package dev.thermocline.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.backup.DuePolicy;
import dev.thermocline.core.repartition.HeatClassifier;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.core.repartition.SplitRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup.* and repartition.* options: defaults, every layer, and errors that name key, value and source. */
class TuningConfigTest {

    @TempDir
    Path wd;

    @Test
    void defaultsAreTheEnginesAndThePolicysOwn() {
        ThermoclineConfig config = ThermoclineConfig.defaults(wd);

        assertThat(config.backup().policy()).isEqualTo(DuePolicy.defaults());
        assertThat(config.backup().retention()).isEmpty();
        assertThat(config.repartition().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.repartition().planner()).isEqualTo(PlannerSettings.defaults());
    }

    @Test
    void theFileSetsEveryOption() throws IOException {
        Files.writeString(wd.resolve("thermocline.yaml"), """
                backup:
                  due: {changes: 500, rate-shift: 2.5, rate-shift-min-changes: 50, max-age: 6h, restore-cost: 1e5}
                  retention: 7d
                repartition:
                  interval: 30s
                  min-partitions: 4
                  max-partitions: 64
                  min-partition-keys: 100
                  max-operations: 2
                  split-above-share: 0.2
                  merge-below-share: 0.05
                  merge-cool-down: 20
                  split-cool-down: 3
                  forecast: false
                  classifier: natural-breaks
                  split-rule: balance-heat
                """);

        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(wd));

        assertThat(config.backup()).isEqualTo(new BackupConfig(
                new DuePolicy(500, 2.5, 50, Duration.ofHours(6), 1e5), Optional.of(Duration.ofDays(7))));
        assertThat(config.repartition().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.repartition().planner()).isEqualTo(PlannerSettings.builder().partitions(4, 64).minKeyWidth(100)
                .maxOperationsPerRevision(2).splitAboveShare(0.2).mergeBelowShare(0.05).mergeCoolDownIntervals(20)
                .splitCoolDownIntervals(3).forecastHorizon(0).classifier(HeatClassifier.Kind.NATURAL_BREAKS)
                .splitRule(SplitRule.BALANCE_HEAT).build());
    }

    @Test
    void theEnvironmentAndOverridesReachThem() {
        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(wd)
                .withEnvironment(Map.of("THERMOCLINE_BACKUP_DUE_RESTORE_COST", "off",
                        "THERMOCLINE_BACKUP_RETENTION", "PT36H",
                        "THERMOCLINE_REPARTITION_FORECAST_HORIZON", "5",
                        "THERMOCLINE_REPARTITION_MAX_PARTITIONS", "32"))
                .withOverride("repartition.max-partitions", "48", "-D repartition.max-partitions"));

        assertThat(config.backup().policy().restoreCostThreshold()).isInfinite();
        assertThat(config.backup().retention()).contains(Duration.ofHours(36));
        assertThat(config.repartition().planner().forecastHorizon()).isEqualTo(5);
        assertThat(config.repartition().planner().maxPartitions()).as("-D wins over the environment").isEqualTo(48);
    }

    @Test
    void badValuesNameTheKeyTheValueAndTheSource() {
        assertThatThrownBy(() -> load("backup.due.max-age", "soon"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backup.due.max-age: 'soon' is not a duration such as 500ms, 30s, 1m, 2h, 4d or ISO-8601 PT1M (-D)");
        assertThatThrownBy(() -> load("backup.due.changes", "many"))
                .hasMessage("backup.due.changes: 'many' is not a whole number (-D)");
        assertThatThrownBy(() -> load("backup.retention", "0s"))
                .hasMessage("backup.retention: '0s' must be positive (-D)");
        assertThatThrownBy(() -> load("repartition.classifier", "kmeans"))
                .hasMessage("repartition.classifier: 'kmeans' is not natural-breaks or k-means (-D)");
        assertThatThrownBy(() -> load("repartition.forecast", "maybe"))
                .hasMessage("repartition.forecast: 'maybe' is not true or false (-D)");
        assertThatThrownBy(() -> load("backup.due.rate-shift", "1"))
                .hasMessage("backup.due: rate shift factor must be above 1, was 1.0 (-D)");
        assertThatThrownBy(() -> load("repartition.merge-below-share", "0.1"))
                .hasMessageStartingWith("repartition: merge-below share 0.1 must be at most half the split-above share 0.125");
        assertThatThrownBy(() -> load("repartition.min-partitions", "0"))
                .hasMessage("repartition.min-partitions: '0' must be at least 1 (-D)");
    }

    private ThermoclineConfig load(String key, String value) {
        return ThermoclineConfig.load(ConfigSources.in(wd).withOverride(key, value, "-D"));
    }
}
