package dev.thermocline.cli;

import java.util.Objects;

/**
 * {@code thermocline sql}: one Flink SQL query over Thermocline's Iceberg catalog.
 *
 * @param query the query; time travel via an {@code OPTIONS('as-of-timestamp'='…')} hint on a table
 * @param format how results are printed
 */
public record SqlRequest(String query, Format format) {

    /** How {@code sql} prints results. */
    public enum Format {
        /** An aligned text table. */
        TABLE,
        /** RFC 4180 CSV with a header row. */
        CSV,
        /** One JSON object per row. */
        JSON
    }

    public SqlRequest {
        Objects.requireNonNull(query, "query is required.");
        Objects.requireNonNull(format, "format is required.");
    }
}
