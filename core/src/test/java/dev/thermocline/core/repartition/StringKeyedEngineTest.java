package dev.thermocline.core.repartition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringKeyedEngineTest {

    @Test
    void aHotTenantInAStringKeyedTableGetsPartitionsOfItsOwn() {
        TableSpec spec = new TableSpec("customers", "email", KeyType.STRING,
                new InitialPartitioning.EqualRanges(8, Key.of("a"), Key.of("z")));
        RepartitionEngine engine = new RepartitionEngine(PartitionMap.initial(spec, SyntheticHeat.T0),
                HeatSettings.defaults(), PlannerSettings.defaults());
        Random rnd = new Random(3);

        for (int t = 0; t < 12; t++) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                keys.add((char) ('a' + rnd.nextInt(26)) + "user" + rnd.nextInt(10_000) + "@mail.example");
            }
            for (int i = 0; i < 2_500; i++) {
                keys.add("mega" + rnd.nextInt(500) + "@tenant.example");
            }
            engine.onInterval(cells(engine.currentMap(), keys, t), SyntheticHeat.timeOf(t));
        }

        List<Partition> tenant = engine.currentMap().overlapping(
                new KeyInterval(Key.of("mega0@tenant.example"), Key.of("mega99@tenant.example")));
        long ownParts = tenant.stream().filter(p -> p.range().start() != null && p.range().end() != null
                && p.range().start().text().startsWith("mega") && p.range().end().text().startsWith("mega")).count();
        assertThat(engine.currentMap().revision()).isPositive();
        assertThat(tenant).as("the tenant's 60%% of the load is spread over parts below 1/8 each").hasSizeGreaterThanOrEqualTo(5);
        assertThat(ownParts).as("partitions holding nothing but the tenant's keys").isGreaterThanOrEqualTo(3);
    }

    private static List<HeatmapCell> cells(PartitionMap map, List<String> keys, long t) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, KeySketch> sketches = new LinkedHashMap<>();
        for (String k : keys) {
            String id = map.partitionFor(Key.of(k)).partitionKey();
            counts.computeIfAbsent(id, x -> new long[1])[0]++;
            sketches.computeIfAbsent(id, x -> KeySketch.create(KeyType.STRING)).update(Key.of(k));
        }
        Instant start = SyntheticHeat.T0.plusSeconds(60 * t);
        List<HeatmapCell> out = new ArrayList<>();
        counts.forEach((id, c) -> out.add(new HeatmapCell(start, start.plusSeconds(60), map.tableName(), id, c[0], 0, 0,
                Map.of(), sketches.get(id).toBytes())));
        return out;
    }
}
