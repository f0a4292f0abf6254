package dev.thermocline.cli.testing;

import dev.thermocline.flink.config.ConfigSources;
import dev.thermocline.flink.config.ThermoclineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A configuration with one long-keyed table {@code orders} (keys 0..1000, 4 partitions) and a warehouse in {@code dir}. */
public final class OrdersConfig {

    private OrdersConfig() {}

    public static ThermoclineConfig in(Path dir) {
        try {
            Path file = Files.writeString(dir.resolve("thermocline.yaml"),
                    "warehouse: " + dir.resolve("warehouse") + "\n"
                            + "tables:\n  orders:\n    key: id\n    key-type: long\n    key-domain: [0, 1000]\n"
                            + "    initial-partitions: 4\n");
            return ThermoclineConfig.load(ConfigSources.in(dir).withConfigFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
