package dev.thermocline.repartition;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the repartition job's heatmap cells come from. */
public interface HeatmapInput {

    /** Adds the source (and any conversion) to {@code env}. */
    DataStream<HeatSample> read(StreamExecutionEnvironment env);

    /** True when the input ends ({@code --once}): the job then runs in batch mode and finishes. */
    boolean bounded();
}
