package dev.thermocline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files the tests run against. */
final class ConfigFiles {

    private ConfigFiles() {}

    /** {@code orders} (long keys) and {@code customers} (string keys) in {@code dir/thermocline.yaml}. */
    static Path writeOrders(Path dir) throws IOException {
        return Files.writeString(dir.resolve("thermocline.yaml"), """
                tables:
                  orders: {key: id, key-type: long, key-domain: [0, 1000000], initial-partitions: 16}
                  customers: {key: email, key-type: string, boundaries: [g, n, t]}
                """);
    }
}
