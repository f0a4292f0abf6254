package dev.thermocline.restore;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/** Random restore requests over a {@link TableHistory}, and what the oracle says they return. */
final class RandomRequests {

    private final TableHistory history;
    private final Random random;

    RandomRequests(TableHistory history, long seed) {
        this.history = history;
        this.random = new Random(seed);
    }

    /**
     * 1-3 selections (ranges with open ends, key lists, bounds sometimes outside the domain), some
     * with their own time from the history's interesting instants (or before it); selections at
     * different times never share a key.
     */
    RestoreRequest next() {
        List<Instant> times = history.times();
        while (true) {
            Instant asOf = random.nextInt(10) == 0 ? TableHistory.T0.minusMillis(1) : times.get(random.nextInt(times.size()));
            List<RangeSelection> selections = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Instant own = random.nextInt(3) == 0 ? times.get(random.nextInt(times.size())) : null;
                if (random.nextInt(4) == 0) {
                    List<Key> keys = new ArrayList<>();
                    for (int k = 0; k <= random.nextInt(5); k++) {
                        keys.add(someKey());
                    }
                    selections.add(new RangeSelection.KeyList(keys, own));
                } else {
                    Key a = someKey();
                    Key b = someKey();
                    Key low = a.compareTo(b) <= 0 ? a : b;
                    Key high = a.compareTo(b) <= 0 ? b : a;
                    selections.add(new RangeSelection.Interval(new KeyInterval(random.nextInt(6) == 0 ? null : low,
                            random.nextInt(6) == 0 ? null : high), own));
                }
            }
            RestoreRequest request = new RestoreRequest(history.spec.name(), asOf, selections);
            if (!clashes(request)) {
                return request;
            }
        }
    }

    private Key someKey() {
        long n = random.nextInt((int) history.keySpace + 4) - 2;
        return n < 0 && history.spec.keyType() == dev.thermocline.core.key.KeyType.STRING ? Key.of("") : history.keyOf(n);
    }

    /** True when the request is refused for asking before any data. */
    boolean beforeAnyData(RestoreRequest request) {
        return request.selections().stream().map(request::effectiveAsOf).anyMatch(t -> t.isBefore(history.firstChange())
                && history.backupRuns.stream().noneMatch(r -> !r.cutoff().isAfter(t)));
    }

    /** Each selection's rows as of its own time; the union sorted by key. */
    List<RowState> expected(RestoreRequest request) {
        TreeMap<Key, RowState> byKey = new TreeMap<>();
        for (RangeSelection s : request.selections()) {
            for (RowState r : Oracle.rowsAt(history.history, request.effectiveAsOf(s), s::contains)) {
                byKey.put(r.key(), r);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static boolean clashes(RestoreRequest request) {
        for (RangeSelection a : request.selections()) {
            for (RangeSelection b : request.selections()) {
                if (!request.effectiveAsOf(a).equals(request.effectiveAsOf(b)) && overlap(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean overlap(RangeSelection a, RangeSelection b) {
        for (KeyInterval x : a.intervals()) {
            for (KeyInterval y : b.intervals()) {
                boolean lowBelowHigh = x.low() == null || y.high() == null || x.low().compareTo(y.high()) <= 0;
                boolean highAboveLow = x.high() == null || y.low() == null || y.low().compareTo(x.high()) <= 0;
                if (lowBelowHigh && highAboveLow) {
                    return true;
                }
            }
        }
        return false;
    }
}
