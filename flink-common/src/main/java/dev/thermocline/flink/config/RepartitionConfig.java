package dev.thermocline.flink.config;

import dev.thermocline.core.repartition.PlannerSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code repartition.*} options: the planning interval and the planner's bounds, hysteresis,
 * cool-downs, forecasting and classifier.
 *
 * @param interval the planning interval in event time
 * @param planner the planner's settings
 */
public record RepartitionConfig(Duration interval, PlannerSettings planner) {

    public RepartitionConfig {
        Objects.requireNonNull(interval, "interval is required.");
        Objects.requireNonNull(planner, "planner is required.");
    }

    public static RepartitionConfig defaults() {
        return new RepartitionConfig(Duration.ofMinutes(1), PlannerSettings.defaults());
    }
}
