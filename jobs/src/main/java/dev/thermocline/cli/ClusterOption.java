package dev.thermocline.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --cluster HOST:PORT}, shared by the commands that run a Flink job (run, backup, restore). */
final class ClusterOption {

    @Option(names = "--cluster", paramLabel = "HOST:PORT", converter = ClusterAddress.Converter.class,
            description = {"Submit the job to the running Flink cluster whose REST endpoint is HOST:PORT instead of "
                    + "running it locally. Bounded jobs (backup, restore, a file source, one repartition round) are followed "
                    + "to their end; streaming jobs on Kafka are left running there and their job id is printed. The "
                    + "cluster must reach the configured Kafka brokers, catalog and warehouse.", "Default: run locally"})
    ClusterAddress cluster;

    Optional<ClusterAddress> value() {
        return Optional.ofNullable(cluster);
    }
}
