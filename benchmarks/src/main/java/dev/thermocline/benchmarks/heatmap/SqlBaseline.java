package dev.thermocline.benchmarks.heatmap;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The baseline: what a Flink SQL user writes for "accesses per minute, table and partition" on the
 * same topic. Kafka JSON source with the same watermark bound, a one-minute TUMBLE window TVF, the
 * partition computed from the initial equal-range map (the key divided by the range width), COUNT(*)
 * into a blackhole sink. Flink's planner applies its usual window-aggregate optimisations (slicing,
 * local-global aggregation).
 */
final class SqlBaseline {

    private SqlBaseline() {}

    /** Runs to the end of the topic (bounded at its latest offset) and waits. */
    static void run(StreamExecutionEnvironment env, String bootstrapServers, String topic, long rangeWidth) throws Exception {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.executeSql("""
                CREATE TABLE access_log (
                  `timestamp` BIGINT,
                  table_name STRING,
                  partition_key STRING,
                  accessed_columns ARRAY<STRING>,
                  op STRING,
                  ts AS TO_TIMESTAMP_LTZ(`timestamp`, 3),
                  WATERMARK FOR ts AS ts - INTERVAL '30' SECOND
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'properties.group.id' = 'sql-baseline',
                  'scan.startup.mode' = 'earliest-offset',
                  'scan.bounded.mode' = 'latest-offset',
                  'format' = 'json'
                )""".formatted(topic, bootstrapServers));
        tables.executeSql("""
                CREATE TABLE heat (
                  window_start TIMESTAMP(3), window_end TIMESTAMP(3), table_name STRING, part BIGINT, access_count BIGINT
                ) WITH ('connector' = 'blackhole')""");
        TableResult result = tables.executeSql("""
                INSERT INTO heat
                SELECT window_start, window_end, table_name, CAST(partition_key AS BIGINT) / %d AS part, COUNT(*)
                FROM TABLE(TUMBLE(TABLE access_log, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
                GROUP BY window_start, window_end, table_name, CAST(partition_key AS BIGINT) / %d
                """.formatted(rangeWidth, rangeWidth));
        result.await();
    }
}
