package dev.thermocline.core.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.reconstruct.RowState;
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
 * A random table history for model-based restore tests, all from one seed: a Debezium-like change
 * stream (bursts on one key, deletes and re-inserts, equal timestamps, several events at one log
 * position, re-deliveries), partition-map revisions (splits and merges) between changes, each
 * change tagged with the partition of a revision the capturing job knew (sometimes one behind or
 * ahead), and backup runs that copy some partitions of the map of their time.
 */
final class RestoreScenario {

    static final String TABLE = "orders";
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final long KEY_SPACE = 40;

    /** A change as the change log holds it: the record plus the partition it was captured under. */
    record TaggedChange(ChangeRecord change, String partitionKey) {}

    final long seed;
    final List<ChangeRecord> history = new ArrayList<>();
    final List<TaggedChange> changelog = new ArrayList<>();
    PartitionMapHistory maps;
    final List<BackupCopy> copies = new ArrayList<>();
    final Map<BackupCopy, List<RowState>> copyRows = new HashMap<>();
    final TreeSet<Instant> interestingTimes = new TreeSet<>();

    private RestoreScenario(long seed) {
        this.seed = seed;
    }

    static RestoreScenario generate(long seed) {
        RestoreScenario s = new RestoreScenario(seed);
        s.build(new Random(seed));
        return s;
    }

    private void build(Random random) {
        TableSpec spec = new TableSpec(TABLE, "id", KeyType.LONG,
                new InitialPartitioning.EqualRanges(1 + random.nextInt(4), Key.of(0), Key.of(KEY_SPACE)));
        Instant initialFrom = random.nextInt(4) == 0 ? T0.plusMillis(3) : T0.minusSeconds(60);
        maps = PartitionMapHistory.empty(TABLE).add(PartitionMap.initial(spec, initialFrom));
        interestingTimes.add(initialFrom);

        int steps = 10 + random.nextInt(80);
        long lsn = 1000;
        long seq = 0;
        Instant ts = T0;
        int burstKey = random.nextInt((int) KEY_SPACE);
        Map<Long, Boolean> live = new HashMap<>();
        for (int i = 0; i < steps; i++) {
            int dice = random.nextInt(100);
            if (dice < 8 && !history.isEmpty()) {
                // at-least-once source: an exact re-delivery of an earlier event
                ChangeRecord again = history.get(random.nextInt(history.size()));
                tag(again, random);
                continue;
            }
            if (dice < 14) {
                repartition(ts, random);
                continue;
            }
            if (dice < 20) {
                backupRun(ts.plusMillis(random.nextInt(3) - 1), random);
                continue;
            }
            ts = ts.plusMillis(new int[] {0, 0, 0, 1, 1, 2, 7}[random.nextInt(7)]);
            if (random.nextInt(4) == 0) {
                seq++; // another event of the same transaction / log position
            } else {
                lsn += 1 + random.nextInt(3);
                seq = 0;
            }
            long key = random.nextInt(3) == 0 ? burstKey : random.nextInt((int) KEY_SPACE);
            boolean isLive = live.getOrDefault(key, false);
            ChangeOp op = !isLive ? (random.nextInt(5) == 0 ? ChangeOp.READ : ChangeOp.CREATE)
                    : random.nextInt(3) == 0 ? ChangeOp.DELETE : ChangeOp.UPDATE;
            live.put(key, op.upserts());
            String row = op.upserts() ? "{\"id\":" + key + ",\"v\":" + i + ",\"s\":\"" + seed % 97 + "\"}" : null;
            ChangeRecord c = new ChangeRecord(TABLE, Key.of(key), op, new ChangePosition(lsn, seq), ts, row);
            history.add(c);
            tag(c, random);
            interestingTimes.add(ts);
        }
        if (random.nextBoolean()) {
            backupRun(ts, random);
        }
        materialiseBackups();
    }

    /** Capture under the map in force at the change's time, or one revision behind or ahead of it. */
    private void tag(ChangeRecord c, Random random) {
        List<PartitionMap> revisions = maps.revisions();
        int at = revisions.indexOf(maps.mapAt(c.timestamp()).orElse(revisions.get(0)));
        int known = Math.max(0, Math.min(revisions.size() - 1, at + random.nextInt(3) - 1));
        changelog.add(new TaggedChange(c, revisions.get(known).partitionFor(c.key()).partitionKey()));
    }

    private void repartition(Instant now, Random random) {
        PartitionMap latest = maps.latest().orElseThrow();
        Instant validFrom = now.isBefore(latest.validFrom()) ? latest.validFrom() : now.plusMillis(random.nextInt(2));
        PartitionMap next;
        List<Partition> ps = latest.partitions();
        if (ps.size() > 1 && random.nextInt(3) == 0) {
            int i = random.nextInt(ps.size() - 1);
            next = latest.merge(List.of(ps.get(i).partitionKey(), ps.get(i + 1).partitionKey()), validFrom, "merge");
        } else {
            Key point = Key.of(1 + random.nextInt((int) KEY_SPACE - 1));
            Partition p = latest.partitionFor(point);
            if (!p.range().canSplitAt(point)) {
                return;
            }
            next = latest.split(p.partitionKey(), point, validFrom, "split");
        }
        maps = maps.add(next);
        interestingTimes.add(validFrom);
    }

    /**
     * Copies of a random subset of the partitions of the map in force at the cutoff (sometimes the
     * one before). Their rows are computed once the whole history exists: a copy holds every change
     * with ts at or before its cutoff, including ones generated after the run was scheduled.
     */
    private void backupRun(Instant cutoff, Random random) {
        List<PartitionMap> revisions = maps.revisions();
        PartitionMap map = maps.mapAt(cutoff).orElse(revisions.get(0));
        if (random.nextInt(4) == 0 && map.revision() > 0) {
            map = revisions.get(revisions.indexOf(map) - 1);
        }
        long snapshot = 100 + pendingRuns.size();
        List<Partition> chosen = new ArrayList<>();
        for (Partition p : map.partitions()) {
            if (random.nextInt(3) != 0) {
                chosen.add(p);
            }
        }
        pendingRuns.add(new PendingRun(cutoff, map.revision(), chosen, snapshot));
        interestingTimes.add(cutoff);
    }

    private record PendingRun(Instant cutoff, long revision, List<Partition> partitions, long snapshot) {}

    private final List<PendingRun> pendingRuns = new ArrayList<>();

    private void materialiseBackups() {
        for (PendingRun run : pendingRuns) {
            for (Partition p : run.partitions()) {
                List<RowState> rows = ReplayOracle.rowsAt(history, run.cutoff(), p.range()::contains);
                long cutoffLsn = rows.stream().mapToLong(r -> r.position().lsn()).max().orElse(0);
                BackupCopy copy = new BackupCopy(TABLE, p.partitionKey(), p.range(), run.revision(), run.cutoff(),
                        cutoffLsn, rows.size(), run.snapshot());
                copies.add(copy);
                copyRows.put(copy, rows);
            }
        }
    }

    Instant firstChange() {
        return history.stream().map(ChangeRecord::timestamp).min(Instant::compareTo).orElse(null);
    }

    /** Every interesting instant and 1 ms either side of it. */
    List<Instant> times() {
        TreeSet<Instant> all = new TreeSet<>();
        all.add(T0.minusMillis(1));
        for (Instant t : interestingTimes) {
            all.add(t.minusMillis(1));
            all.add(t);
            all.add(t.plusMillis(1));
        }
        return new ArrayList<>(all);
    }

    @Override
    public String toString() {
        return "scenario seed " + seed + ": " + history.size() + " changes, " + maps.revisions().size()
                + " revisions, " + copies.size() + " copies";
    }
}
