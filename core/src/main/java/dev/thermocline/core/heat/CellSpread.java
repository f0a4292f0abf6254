package dev.thermocline.core.heat;

import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a heatmap cell's accesses divide among partitions other than the one it names: a cell counted
 * under a range that has been split, merged or moved since. The cell's key sketch says where its keys
 * were; without one (or with no sketched key in the range) long-keyed ranges divide by key width and
 * string-keyed ones evenly.
 */
public final class CellSpread {

    private CellSpread() {}

    /**
     * The share of the cell's accesses that falls into each of {@code targets}, in their order.
     *
     * @param sketch the cell's key sketch, or null
     * @param cellRange the range the cell's partition had when its accesses happened
     * @param targets the partitions that cover {@code cellRange} now (those not overlapping it get nothing)
     * @return shares adding up to 1 over the targets that overlap {@code cellRange} (empty when none does)
     */
    public static Map<Partition, Double> shares(KeySketchView sketch, KeyRange cellRange, List<Partition> targets) {
        List<Partition> over = targets.stream().filter(p -> p.range().overlaps(cellRange)).toList();
        Map<Partition, Double> out = new LinkedHashMap<>();
        KeySketchView in = sketch == null ? null : sketch.within(cellRange);
        long sketched = in == null ? 0 : in.totalWeight();
        double[] widths = sketched > 0 ? null : widths(cellRange, over);
        for (int i = 0; i < over.size(); i++) {
            Partition p = over.get(i);
            double share = sketched > 0 ? (double) in.weightIn(p.range()) / sketched
                    : widths != null ? widths[i] : 1.0 / over.size();
            out.put(p, share);
        }
        return out;
    }

    /** Each target's share of a bounded long range's width; null when the range is not a bounded long range. */
    private static double[] widths(KeyRange range, List<Partition> over) {
        if (!(range.start() instanceof LongKey s) || !(range.end() instanceof LongKey e)) {
            return null;
        }
        double total = (double) e.value() - s.value();
        double[] out = new double[over.size()];
        for (int i = 0; i < over.size(); i++) {
            KeyRange r = over.get(i).range();
            long lo = r.start() instanceof LongKey rs ? Math.max(s.value(), rs.value()) : s.value();
            long hi = r.end() instanceof LongKey re ? Math.min(e.value(), re.value()) : e.value();
            out[i] = Math.max(0, ((double) hi - lo) / total);
        }
        return out;
    }
}
