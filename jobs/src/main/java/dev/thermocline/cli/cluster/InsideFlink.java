package dev.thermocline.cli.cluster;

import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Whether the command's main runs inside Flink (application mode, as the Helm chart deploys the
 * jobs, or {@code flink run}): Flink then provides the execution environment, and its
 * configuration, not the embedded default's, must stay in force.
 */
public final class InsideFlink {

    private InsideFlink() {}

    /** The environment Flink provides, or null when main runs in a plain JVM (the local command). */
    public static StreamExecutionEnvironment contextEnvironment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        return env instanceof LocalStreamEnvironment ? null : env;
    }

    public static boolean mainRunsInsideFlink() {
        return contextEnvironment() != null;
    }
}
