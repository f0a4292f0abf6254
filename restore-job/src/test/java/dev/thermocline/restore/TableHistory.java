package dev.thermocline.restore;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * A random history of one table, all from one seed: Debezium-like changes (bursts on one key,
 * deletes and re-inserts, equal timestamps, several events per log position, re-deliveries from an
 * at-least-once source), partition-map revisions (splits, merges) between them, each change tagged
 * with the partition of the map in force at its timestamp as the changelog job does, and backup
 * runs that copy some partitions of the map of their time (sometimes the revision before).
 */
final class TableHistory {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    record Tagged(ChangeRecord change, String partitionKey) {}

    record BackupRun(Instant cutoff, PartitionMap map, List<Partition> partitions) {}

    final long seed;
    final TableSpec spec;
    final long keySpace;
    final List<ChangeRecord> history = new ArrayList<>();
    final List<Tagged> changelog = new ArrayList<>();
    final List<PartitionMap> revisions = new ArrayList<>();
    final List<BackupRun> backupRuns = new ArrayList<>();
    final TreeSet<Instant> interesting = new TreeSet<>();

    private final boolean repartitions;

    private TableHistory(long seed, TableSpec spec, long keySpace, boolean repartitions) {
        this.seed = seed;
        this.keySpace = keySpace;
        this.spec = spec;
        this.repartitions = repartitions;
        revisions.add(PartitionMap.initial(spec, Instant.EPOCH));
    }

    /** Long keys 0..keySpace-1 in 4 initial partitions, with splits and merges. */
    static TableHistory generate(long seed, String table, long keySpace, int steps) {
        return generate(seed, longKeyed(table, keySpace), keySpace, steps, true);
    }

    static TableHistory generate(long seed, TableSpec spec, long keySpace, int steps, boolean repartitions) {
        return generate(seed, spec, keySpace, 0, steps, repartitions);
    }

    /** With {@code initialRows} keys first read at T0 (a Debezium snapshot), then the random steps. */
    static TableHistory generate(long seed, TableSpec spec, long keySpace, int initialRows, int steps, boolean repartitions) {
        TableHistory h = new TableHistory(seed, spec, keySpace, repartitions);
        h.snapshot(initialRows);
        h.build(new Random(seed), steps);
        return h;
    }

    private long lsn = 5000;
    private final Map<Long, Boolean> live = new HashMap<>();

    private void snapshot(int rows) {
        for (long n = 0; n < rows; n++) {
            Key key = keyOf(n);
            ChangeRecord c = new ChangeRecord(spec.name(), key, ChangeOp.READ, new ChangePosition(lsn++, 0), T0,
                    "{\"id\":\"" + key.text() + "\",\"v\":-1,\"payload\":\"" + "x".repeat(64) + "\"}");
            live.put(n, true);
            history.add(c);
            changelog.add(new Tagged(c, tagOf(c)));
        }
        if (rows > 0) {
            interesting.add(T0);
        }
    }

    static TableSpec longKeyed(String table, long keySpace) {
        return new TableSpec(table, "id", KeyType.LONG, new InitialPartitioning.EqualRanges(4, Key.of(0), Key.of(keySpace)));
    }

    /** String keys {@code k0..k<n-1>}: byte order puts k10 before k9, so ranges cut across numbers. */
    static TableSpec stringKeyed(String table) {
        return new TableSpec(table, "email", KeyType.STRING,
                new InitialPartitioning.ExplicitBoundaries(List.of(Key.of("k2"), Key.of("k5"), Key.of("k8"))));
    }

    /** The n-th key of the table's domain. */
    Key keyOf(long n) {
        return spec.keyType() == KeyType.LONG ? Key.of(n) : Key.of("k" + n);
    }

    private void build(Random random, int steps) {
        long seq = 0;
        Instant ts = T0;
        long burstKey = random.nextInt((int) keySpace);
        for (int i = 0; i < steps; i++) {
            int dice = random.nextInt(100);
            if (dice < 6 && !history.isEmpty()) {
                ChangeRecord again = history.get(random.nextInt(history.size()));
                changelog.add(new Tagged(again, tagOf(again)));
                continue;
            }
            if (dice < 9 && repartitions) {
                repartition(ts, random);
                continue;
            }
            if (dice < 13) {
                backupRun(ts.plusMillis(random.nextInt(3) - 1), random);
                continue;
            }
            ts = ts.plusMillis(new int[] {0, 0, 1, 1, 2, 5, 40}[random.nextInt(7)]);
            if (random.nextInt(4) == 0) {
                seq++;
            } else {
                lsn += 1 + random.nextInt(3);
                seq = 0;
            }
            long n = random.nextInt(3) == 0 ? burstKey : random.nextInt((int) keySpace);
            Key key = keyOf(n);
            boolean isLive = live.getOrDefault(n, false);
            ChangeOp op = !isLive ? (random.nextInt(5) == 0 ? ChangeOp.READ : ChangeOp.CREATE)
                    : random.nextInt(4) == 0 ? ChangeOp.DELETE : ChangeOp.UPDATE;
            live.put(n, op.upserts());
            String row = op.upserts() ? "{\"id\":\"" + key.text() + "\",\"v\":" + i + ",\"note\":\"s" + seed % 1000 + "\"}" : null;
            ChangeRecord c = new ChangeRecord(spec.name(), key, op, new ChangePosition(lsn, seq), ts, row);
            history.add(c);
            changelog.add(new Tagged(c, tagOf(c)));
            interesting.add(ts);
        }
    }

    /** As the changelog job tags: the partition under the map in force at the change's time. */
    private String tagOf(ChangeRecord c) {
        PartitionMap map = revisions.get(0);
        for (PartitionMap m : revisions) {
            if (!m.validFrom().isAfter(c.timestamp())) {
                map = m;
            }
        }
        return map.partitionFor(c.key()).partitionKey();
    }

    private void repartition(Instant now, Random random) {
        PartitionMap latest = revisions.get(revisions.size() - 1);
        Instant candidate = now.plusMillis(random.nextInt(2));
        Instant validFrom = candidate.isBefore(latest.validFrom()) ? latest.validFrom() : candidate;
        List<Partition> ps = latest.partitions();
        PartitionMap next;
        if (ps.size() > 2 && random.nextInt(3) == 0) {
            int i = random.nextInt(ps.size() - 1);
            next = latest.merge(List.of(ps.get(i).partitionKey(), ps.get(i + 1).partitionKey()), validFrom, "merge");
        } else {
            Key point = keyOf(1 + random.nextInt((int) keySpace - 1));
            Partition p = latest.partitionFor(point);
            if (!p.range().canSplitAt(point)) {
                return;
            }
            next = latest.split(p.partitionKey(), point, validFrom, "split");
        }
        revisions.add(next);
        interesting.add(validFrom);
    }

    private void backupRun(Instant cutoff, Random random) {
        PartitionMap map = revisions.get(0);
        for (PartitionMap m : revisions) {
            if (!m.validFrom().isAfter(cutoff)) {
                map = m;
            }
        }
        if (random.nextInt(4) == 0 && map.revision() > 0) {
            map = revisions.get((int) map.revision() - 1);
        }
        List<Partition> chosen = new ArrayList<>();
        for (Partition p : map.partitions()) {
            if (random.nextInt(3) != 0) {
                chosen.add(p);
            }
        }
        backupRuns.add(new BackupRun(cutoff, map, chosen));
        interesting.add(cutoff);
    }

    /** Every interesting instant and 1 ms either side. */
    List<Instant> times() {
        TreeSet<Instant> all = new TreeSet<>();
        for (Instant t : interesting) {
            all.add(t.minusMillis(1));
            all.add(t);
            all.add(t.plusMillis(1));
        }
        return new ArrayList<>(all);
    }

    Instant firstChange() {
        return history.isEmpty() ? null : history.get(0).timestamp();
    }

    @Override
    public String toString() {
        return "history seed " + seed + " (" + history.size() + " changes, " + revisions.size() + " revisions, "
                + backupRuns.size() + " backup runs)";
    }
}
