package dev.thermocline.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.LongKey;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WorkloadGeneratorTest {

    private static final WorkloadSpec SMALL = WorkloadSpec.orders(42).withInitialRows(1_000).withEvents(20_000, 10_000);
    private static final Pattern ACCESS_KEY = Pattern.compile("\"partition_key\":\"(\\d+)\"");

    @Test
    void sameSeedGivesTheSameBytes() {
        List<GeneratedEvent> a = Workload.generate(SMALL).events();
        List<GeneratedEvent> b = Workload.generate(SMALL).events();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).json()).isEqualTo(b.get(i).json());
        }
    }

    @Test
    void emitsTheRequestedCounts() {
        Workload w = Workload.generate(SMALL);
        assertThat(w.count(GeneratedEvent.Kind.ACCESS)).isEqualTo(20_000);
        assertThat(w.count(GeneratedEvent.Kind.CHANGE)).isEqualTo(1_000 + 10_000);
        assertThat(w.history()).hasSize(11_000);
    }

    @Test
    void historyIsConsistentPerKey() {
        Set<Long> live = new HashSet<>();
        long lastLsn = -1;
        for (ChangeRecord c : Workload.generate(SMALL).history()) {
            long key = ((LongKey) c.key()).value();
            assertThat(c.position().lsn()).isGreaterThan(lastLsn);
            lastLsn = c.position().lsn();
            switch (c.op()) {
                case READ, CREATE -> assertThat(live.add(key)).as("insert of live key %s", key).isTrue();
                case UPDATE -> assertThat(live).contains(key);
                case DELETE -> assertThat(live.remove(key)).as("delete of dead key %s", key).isTrue();
            }
        }
    }

    @Test
    void accessesClusterAroundAHotspotThatMoves() {
        Workload w = Workload.generate(SMALL.withInitialRows(0));
        List<GeneratedEvent> accesses = w.accessEvents();
        int half = accesses.size() / 2;
        double nearFirst = shareWithin(accesses.subList(0, half - 500), 200_000, 5_000);
        double nearSecond = shareWithin(accesses.subList(half + 500, accesses.size()), 700_000, 5_000);
        double secondAtFirst = shareWithin(accesses.subList(half + 500, accesses.size()), 200_000, 5_000);
        // 1% of the key space holds most of the accesses while it is hot, and is cold afterwards.
        assertThat(nearFirst).isGreaterThan(0.5);
        assertThat(nearSecond).isGreaterThan(0.5);
        assertThat(secondAtFirst).isLessThan(0.01);
    }

    @Test
    void duplicatesRepeatTheirChangeExactly() {
        Workload w = Workload.generate(SMALL);
        List<GeneratedEvent> events = w.events();
        int duplicates = 0;
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).kind() == GeneratedEvent.Kind.DUPLICATE_CHANGE) {
                duplicates++;
                assertThat(events.get(i).json()).isEqualTo(events.get(i - 1).json());
            }
        }
        assertThat(duplicates).isGreaterThan(0);
    }

    @Test
    void badRecordsAreMarked() {
        Workload w = Workload.generate(SMALL.withBadRecordShare(0.02));
        long bad = w.events().stream().filter(e -> e.kind().isBad()).count();
        assertThat(bad).isBetween(400L, 800L);
        assertThat(w.history()).hasSize(11_000);
    }

    @Test
    void deletesAppearAndSnapshotRowsComeFirst() {
        Workload w = Workload.generate(SMALL);
        assertThat(w.history().subList(0, 1_000)).allMatch(c -> c.op() == ChangeOp.READ);
        assertThat(w.history()).anyMatch(c -> c.op() == ChangeOp.DELETE);
    }

    private static double shareWithin(List<GeneratedEvent> events, long centre, long radius) {
        long hits = 0;
        for (GeneratedEvent e : events) {
            Matcher m = ACCESS_KEY.matcher(new String(e.json(), StandardCharsets.UTF_8));
            if (m.find() && Math.abs(Long.parseLong(m.group(1)) - centre) <= radius) {
                hits++;
            }
        }
        return (double) hits / events.size();
    }
}
