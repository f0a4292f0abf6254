package dev.thermocline.restore;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The restore job (bounded): the plan's unit indices, each sent to the slot the cost model gave it
 * (one unit of parallelism per partition, at most the configured parallelism, longest units first)
 * → {@link RestoreUnitFunction} reconstructs and writes the unit → progress and final reports for
 * the client, which commits the output once every unit is done.
 */
public final class RestoreJob {

    private final ResolvedPlan plan;
    private final UnitWriterFactory writers;
    private final List<Integer> order;
    private final int[] slotOf;
    private final int slots;

    /**
     * @param order unit indices in the order to run them
     * @param slotOf each unit's slot in {@code [0, slots)}
     */
    public RestoreJob(ResolvedPlan plan, UnitWriterFactory writers, List<Integer> order, int[] slotOf, int slots) {
        this.plan = Objects.requireNonNull(plan, "plan is required");
        this.writers = Objects.requireNonNull(writers, "writers are required");
        this.order = List.copyOf(order);
        this.slotOf = slotOf.clone();
        this.slots = slots;
    }

    public DataStream<UnitReport> build(StreamExecutionEnvironment env) {
        int[] slotOfUnit = slotOf;
        Partitioner<Integer> bySlot = (unit, partitions) -> slotOfUnit[unit] % partitions;
        return env.fromData(order, Types.INT).name("restore units")
                .partitionCustom(bySlot, unit -> unit)
                .process(new RestoreUnitFunction(plan, writers))
                .returns(TypeInformation.of(UnitReport.class))
                .setParallelism(slots)
                .name("restore " + plan.table());
    }
}
