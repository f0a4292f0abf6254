package dev.thermocline.flink.config;

import dev.thermocline.core.backup.DuePolicy;
import dev.thermocline.core.repartition.HeatClassifier;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.core.repartition.SplitRule;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Binds the {@code backup.*} and {@code repartition.*} options; every error names the key, the value and its origin. */
final class TuningBinder {

    private TuningBinder() {}

    static BackupConfig backup(LayeredSettings s) {
        Setting cost = s.get(ConfigOption.BACKUP_DUE_RESTORE_COST);
        double restoreCost = off(cost) ? Double.POSITIVE_INFINITY : positiveNumber(cost);
        DuePolicy policy;
        try {
            policy = new DuePolicy(wholeNumber(s.get(ConfigOption.BACKUP_DUE_CHANGES), 1),
                    number(s.get(ConfigOption.BACKUP_DUE_RATE_SHIFT)),
                    wholeNumber(s.get(ConfigOption.BACKUP_DUE_RATE_SHIFT_MIN_CHANGES), 1),
                    positiveDuration(s.get(ConfigOption.BACKUP_DUE_MAX_AGE)), restoreCost);
        } catch (IllegalArgumentException e) {
            throw invalid("backup.due", e, s, "backup.due.");
        }
        Setting retention = s.get(ConfigOption.BACKUP_RETENTION);
        return new BackupConfig(policy, off(retention) ? Optional.empty() : Optional.of(positiveDuration(retention)));
    }

    static RepartitionConfig repartition(LayeredSettings s) {
        boolean forecast = bool(s.get(ConfigOption.REPARTITION_FORECAST));
        Setting classifier = s.get(ConfigOption.REPARTITION_CLASSIFIER);
        Setting splitRule = s.get(ConfigOption.REPARTITION_SPLIT_RULE);
        PlannerSettings.Builder b = PlannerSettings.builder()
                .partitions(count(s.get(ConfigOption.REPARTITION_MIN_PARTITIONS), 1),
                        count(s.get(ConfigOption.REPARTITION_MAX_PARTITIONS), 1))
                .minKeyWidth(wholeNumber(s.get(ConfigOption.REPARTITION_MIN_PARTITION_KEYS), 1))
                .maxOperationsPerRevision(count(s.get(ConfigOption.REPARTITION_MAX_OPERATIONS), 1))
                .splitAboveShare(number(s.get(ConfigOption.REPARTITION_SPLIT_ABOVE_SHARE)))
                .mergeBelowShare(number(s.get(ConfigOption.REPARTITION_MERGE_BELOW_SHARE)))
                .mergeCoolDownIntervals(count(s.get(ConfigOption.REPARTITION_MERGE_COOL_DOWN), 1))
                .splitCoolDownIntervals(count(s.get(ConfigOption.REPARTITION_SPLIT_COOL_DOWN), 1))
                .forecastHorizon(forecast ? count(s.get(ConfigOption.REPARTITION_FORECAST_HORIZON), 1) : 0)
                .classifier(choice(classifier, HeatClassifier.Kind.class))
                .splitRule(choice(splitRule, SplitRule.class));
        PlannerSettings planner;
        try {
            planner = b.build();
        } catch (IllegalArgumentException e) {
            throw invalid("repartition", e, s, "repartition.");
        }
        return new RepartitionConfig(positiveDuration(s.get(ConfigOption.REPARTITION_INTERVAL)), planner);
    }

    /** A check across several keys failed: name the section and where its non-default settings came from. */
    private static ConfigException invalid(String section, IllegalArgumentException e, LayeredSettings s, String prefix) {
        java.util.Set<String> origins = new java.util.LinkedHashSet<>();
        for (ConfigOption option : ConfigOption.values()) {
            Setting setting = option.key().startsWith(prefix) ? s.get(option) : null;
            if (setting != null && !setting.origin().equals("default")) {
                origins.add(setting.origin());
            }
        }
        return new ConfigException(section + ": " + e.getMessage() + " ("
                + (origins.isEmpty() ? "defaults" : String.join(", ", origins)) + ")", e);
    }

    private static boolean off(Setting s) {
        return ConfigBinder.text(s).equalsIgnoreCase("off");
    }

    private static long wholeNumber(Setting s, long min) {
        long v;
        try {
            v = Long.parseLong(ConfigBinder.text(s).replace("_", ""));
        } catch (NumberFormatException e) {
            throw s.invalid("is not a whole number");
        }
        if (v < min) {
            throw s.invalid("must be at least " + min);
        }
        return v;
    }

    private static int count(Setting s, int min) {
        long v = wholeNumber(s, min);
        if (v > Integer.MAX_VALUE) {
            throw s.invalid("is too large");
        }
        return (int) v;
    }

    private static double number(Setting s) {
        double v;
        try {
            v = Double.parseDouble(ConfigBinder.text(s).replace("_", ""));
        } catch (NumberFormatException e) {
            throw s.invalid("is not a number");
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw s.invalid("is not a finite number");
        }
        return v;
    }

    private static double positiveNumber(Setting s) {
        double v = number(s);
        if (!(v > 0)) {
            throw s.invalid("must be positive (or off)");
        }
        return v;
    }

    private static Duration positiveDuration(Setting s) {
        Duration d;
        try {
            d = ConfigDurations.parse(ConfigBinder.text(s));
        } catch (IllegalArgumentException e) {
            throw s.invalid(e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw s.invalid("must be positive");
        }
        return d;
    }

    private static boolean bool(Setting s) {
        String t = ConfigBinder.text(s).toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw s.invalid("is not true or false");
        };
    }

    /** An enum constant from its kebab-case name ({@code k-means} → {@code K_MEANS}). */
    private static <E extends Enum<E>> E choice(Setting s, Class<E> type) {
        String t = ConfigBinder.text(s).toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t)) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : " or ").append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw s.invalid("is not " + names);
    }
}
