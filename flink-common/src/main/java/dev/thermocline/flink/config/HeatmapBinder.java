package dev.thermocline.flink.config;

import dev.thermocline.core.heat.ResolutionTier;
import dev.thermocline.core.heat.RetentionPolicy;
import dev.thermocline.flink.config.HeatmapConfig.DeadLetterOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Binds the {@code heatmap.*} settings to a {@link HeatmapConfig}; every error names key, value and origin. */
final class HeatmapBinder {

    private HeatmapBinder() {}

    static HeatmapConfig bind(LayeredSettings s) {
        Setting windowSetting = s.get(ConfigOption.HEATMAP_WINDOW);
        Duration window = positive(windowSetting);
        Setting retentionSetting = s.get(ConfigOption.HEATMAP_RETENTION);
        RetentionPolicy retention = retention(retentionSetting);
        if (retention.finest().toMillis() % window.toMillis() != 0) {
            throw windowSetting.invalid("does not divide the finest resolution " + ConfigDurations.format(retention.finest())
                    + " of heatmap.retention (" + retentionSetting.origin() + "), so roll-up could not merge whole cells; "
                    + "set heatmap.retention too, e.g. " + suggestedRetention(window, retention));
        }
        return new HeatmapConfig(window,
                notNegative(s.get(ConfigOption.HEATMAP_MAX_OUT_OF_ORDERNESS)),
                notNegative(s.get(ConfigOption.HEATMAP_ALLOWED_LATENESS)),
                positive(s.get(ConfigOption.HEATMAP_IDLE_TIMEOUT)),
                positive(s.get(ConfigOption.HEATMAP_MAX_FUTURE_SKEW)),
                bytes(s.get(ConfigOption.HEATMAP_MAX_RECORD_BYTES)),
                positive(s.get(ConfigOption.HEATMAP_PARTITION_MAP_POLL_INTERVAL)),
                deadLetters(s.get(ConfigOption.HEATMAP_DEAD_LETTERS)),
                retention,
                positive(s.get(ConfigOption.HEATMAP_ROLLUP_INTERVAL)));
    }

    private static Duration duration(Setting setting) {
        Duration d;
        try {
            d = ConfigDurations.parse(ConfigBinder.text(setting));
        } catch (IllegalArgumentException e) {
            throw setting.invalid(e.getMessage());
        }
        if (d.toNanos() % 1_000_000 != 0) {
            throw setting.invalid("is not a whole number of milliseconds");
        }
        return d;
    }

    private static Duration positive(Setting setting) {
        Duration d = duration(setting);
        if (d.isNegative() || d.isZero()) {
            throw setting.invalid("must be longer than zero");
        }
        return d;
    }

    private static Duration notNegative(Setting setting) {
        Duration d = duration(setting);
        if (d.isNegative()) {
            throw setting.invalid("must not be negative");
        }
        return d;
    }

    private static int bytes(Setting setting) {
        try {
            int n = Integer.parseInt(ConfigBinder.text(setting));
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw setting.invalid("is not a whole number of bytes between 1 and " + Integer.MAX_VALUE);
    }

    private static DeadLetterOutput deadLetters(Setting setting) {
        try {
            return DeadLetterOutput.valueOf(ConfigBinder.text(setting).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw setting.invalid("is not kafka, iceberg or auto");
        }
    }

    /** {@code [1m:6h, 10m:4d]}: one RESOLUTION:KEEP tier per entry, finest first. */
    private static RetentionPolicy retention(Setting setting) {
        List<ResolutionTier> tiers = new ArrayList<>();
        for (String entry : setting.list()) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw setting.invalid("has tier '" + entry + "' that is not RESOLUTION:KEEP (e.g. 1m:6h)");
            }
            Duration resolution;
            Duration keep;
            try {
                resolution = ConfigDurations.parse(entry.substring(0, colon));
                keep = ConfigDurations.parse(entry.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw setting.invalid("has tier '" + entry + "' whose resolution or keep time " + e.getMessage());
            }
            try {
                tiers.add(ResolutionTier.of(resolution, keep));
            } catch (IllegalArgumentException e) {
                throw setting.invalid("has an invalid tier: " + e.getMessage());
            }
        }
        if (tiers.isEmpty()) {
            throw setting.invalid("is empty: give at least one RESOLUTION:KEEP tier (e.g. 1m:6h)");
        }
        try {
            return new RetentionPolicy(tiers);
        } catch (IllegalArgumentException e) {
            throw setting.invalid("is not a valid policy: " + e.getMessage());
        }
    }

    /** The configured tiers with the finest resolution replaced by the window, where that still makes a policy. */
    private static String suggestedRetention(Duration window, RetentionPolicy retention) {
        List<ResolutionTier> tiers = new ArrayList<>(retention.tiers());
        tiers.set(0, ResolutionTier.of(window, tiers.get(0).keepFor().compareTo(window) < 0 ? window : tiers.get(0).keepFor()));
        try {
            new RetentionPolicy(tiers);
        } catch (IllegalArgumentException e) {
            tiers = List.of(tiers.get(0));
        }
        return tiers.stream().map(t -> ConfigDurations.format(t.resolution()) + ":" + ConfigDurations.format(t.keepFor()))
                .collect(Collectors.joining(","));
    }
}
