package dev.thermocline.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.heat.ResolutionTier;
import dev.thermocline.core.heat.RetentionPolicy;
import dev.thermocline.flink.config.HeatmapConfig.DeadLetterOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code heatmap.*} keys: defaults, every layer, and errors that name key, value and source. */
class HeatmapConfigTest {

    @TempDir
    Path wd;

    @Test
    void defaultsAreTheDocumentedOnes() {
        HeatmapConfig heatmap = ThermoclineConfig.defaults(wd).heatmap();

        assertThat(heatmap.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(heatmap.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(heatmap.allowedLateness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(heatmap.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(heatmap.maxFutureSkew()).isEqualTo(Duration.ofDays(1));
        assertThat(heatmap.maxRecordBytes()).isEqualTo(1 << 20);
        assertThat(heatmap.partitionMapPollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(heatmap.deadLetters()).isEqualTo(DeadLetterOutput.AUTO);
        assertThat(heatmap.retention()).isEqualTo(RetentionPolicy.KEY_VISUALIZER);
        assertThat(heatmap.rollupInterval()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void fileEnvironmentAndFlagsEachReachTheirOption() throws IOException {
        Files.writeString(wd.resolve("thermocline.yaml"), """
                heatmap:
                  window: 2m
                  max-out-of-orderness: PT45S
                  retention: [2m:6h, 10m:4d]
                  dead-letters: kafka
                """);
        ConfigSources sources = ConfigSources.in(wd)
                .withEnvironment(Map.of("THERMOCLINE_HEATMAP_ALLOWED_LATENESS", "90s",
                        "THERMOCLINE_HEATMAP_MAX_OUT_OF_ORDERNESS", "20s",
                        "THERMOCLINE_HEATMAP_RETENTION", "2m:3h,1h:7d"))
                .withOverride("heatmap.max-record-bytes", "4096", "-D heatmap.max-record-bytes")
                .withOverride("heatmap.dead-letters", "ICEBERG", "-D heatmap.dead-letters");

        HeatmapConfig heatmap = ThermoclineConfig.load(sources).heatmap();

        assertThat(heatmap.window()).isEqualTo(Duration.ofMinutes(2));                 // file
        assertThat(heatmap.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(20));     // environment over file
        assertThat(heatmap.allowedLateness()).isEqualTo(Duration.ofSeconds(90));       // environment
        assertThat(heatmap.retention()).isEqualTo(new RetentionPolicy(List.of(         // environment over file
                ResolutionTier.of(Duration.ofMinutes(2), Duration.ofHours(3)),
                ResolutionTier.of(Duration.ofHours(1), Duration.ofDays(7)))));
        assertThat(heatmap.maxRecordBytes()).isEqualTo(4096);                           // flag
        assertThat(heatmap.deadLetters()).isEqualTo(DeadLetterOutput.ICEBERG);          // flag over file, any case
    }

    @Test
    void autoDeadLettersGoToKafkaOnlyWhenBrokersAreConfigured() {
        assertThat(DeadLetterOutput.AUTO.resolve(true)).isEqualTo(DeadLetterOutput.KAFKA);
        assertThat(DeadLetterOutput.AUTO.resolve(false)).isEqualTo(DeadLetterOutput.ICEBERG);
        assertThat(DeadLetterOutput.ICEBERG.resolve(true)).isEqualTo(DeadLetterOutput.ICEBERG);
        assertThat(DeadLetterOutput.KAFKA.resolve(false)).isEqualTo(DeadLetterOutput.KAFKA);
    }

    @Test
    void invalidDurationsNameKeyValueAndSource() throws IOException {
        assertThatThrownBy(() -> load("heatmap.window", "60"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("heatmap.window: '60' is not a duration such as 500ms, 30s, 1m, 2h, 4d or ISO-8601 PT1M "
                        + "(-D heatmap.window)");
        assertThatThrownBy(() -> load("heatmap.idle-timeout", "0s"))
                .hasMessage("heatmap.idle-timeout: '0s' must be longer than zero (-D heatmap.idle-timeout)");
        assertThatThrownBy(() -> load("heatmap.allowed-lateness", "-PT1S"))
                .hasMessage("heatmap.allowed-lateness: '-PT1S' must not be negative (-D heatmap.allowed-lateness)");
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd)
                .withEnvironment(Map.of("THERMOCLINE_HEATMAP_MAX_OUT_OF_ORDERNESS", "PT0.0005S"))))
                .hasMessage("heatmap.max-out-of-orderness: 'PT0.0005S' is not a whole number of milliseconds "
                        + "(environment THERMOCLINE_HEATMAP_MAX_OUT_OF_ORDERNESS)");
        Files.writeString(wd.resolve("thermocline.yaml"), "heatmap: {max-future-skew: soon}\n");
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd)))
                .hasMessageStartingWith("heatmap.max-future-skew: 'soon' is not a duration")
                .hasMessageEndingWith("(" + wd.resolve("thermocline.yaml") + ")");
    }

    @Test
    void invalidOtherValuesNameKeyValueAndSource() {
        assertThatThrownBy(() -> load("heatmap.dead-letters", "s3"))
                .hasMessage("heatmap.dead-letters: 's3' is not kafka, iceberg or auto (-D heatmap.dead-letters)");
        assertThatThrownBy(() -> load("heatmap.max-record-bytes", "1MB"))
                .hasMessage("heatmap.max-record-bytes: '1MB' is not a whole number of bytes between 1 and 2147483647 "
                        + "(-D heatmap.max-record-bytes)");
        assertThatThrownBy(() -> load("heatmap.retention", "1m-6h"))
                .hasMessage("heatmap.retention: '[1m-6h]' has tier '1m-6h' that is not RESOLUTION:KEEP (e.g. 1m:6h) "
                        + "(-D heatmap.retention)");
        assertThatThrownBy(() -> load("heatmap.retention", "1m:6h,10m:4d,15m:28d"))
                .hasMessageStartingWith("heatmap.retention: '[1m:6h, 10m:4d, 15m:28d]' is not a valid policy: ")
                .hasMessageContaining("PT15M is not a coarser multiple of PT10M");
        assertThatThrownBy(() -> load("heatmap.retention", ""))
                .hasMessage("heatmap.retention: '[]' is empty: give at least one RESOLUTION:KEEP tier (e.g. 1m:6h) "
                        + "(-D heatmap.retention)");
    }

    @Test
    void aWindowThatDoesNotDivideTheFinestRetentionNamesBothAndSuggestsAFix() {
        assertThatThrownBy(() -> load("heatmap.window", "2m"))
                .hasMessage("heatmap.window: '2m' does not divide the finest resolution 1m of heatmap.retention (default), "
                        + "so roll-up could not merge whole cells; set heatmap.retention too, e.g. 2m:6h,10m:4d,1h:28d "
                        + "(-D heatmap.window)");
        assertThat(ThermoclineConfig.load(ConfigSources.in(wd)
                .withOverride("heatmap.window", "2m", "-D heatmap.window")
                .withOverride("heatmap.retention", "2m:6h,10m:4d,1h:28d", "-D heatmap.retention")).heatmap().window())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(ThermoclineConfig.load(ConfigSources.in(wd).withOverride("heatmap.window", "20s", "-D heatmap.window"))
                .heatmap().window()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void durationsReadBackWhatTheyPrint() {
        for (Duration d : List.of(Duration.ofMillis(500), Duration.ofSeconds(90), Duration.ofMinutes(2), Duration.ofHours(6),
                Duration.ofDays(28), Duration.ofMillis(1500))) {
            assertThat(ConfigDurations.parse(ConfigDurations.format(d))).isEqualTo(d);
        }
        assertThat(ConfigDurations.parse(" 10 min ")).isEqualTo(Duration.ofMinutes(10));
        assertThat(ConfigDurations.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> ConfigDurations.parse("1w")).isInstanceOf(IllegalArgumentException.class);
    }

    private HeatmapConfig load(String key, String value) {
        return ThermoclineConfig.load(ConfigSources.in(wd).withOverride(key, value, "-D " + key)).heatmap();
    }
}
