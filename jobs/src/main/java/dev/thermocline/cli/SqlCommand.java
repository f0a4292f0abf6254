package dev.thermocline.cli;

import dev.thermocline.flink.config.ThermoclineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code thermocline sql}. */
@Command(name = "sql", sortOptions = false, optionListHeading = "%nOptions:%n",
        customSynopsis = {"thermocline sql [--format table|csv|json] [OPTIONS] QUERY"},
        description = {
            "Runs one Flink SQL query on the tables",
            "",
            "Runs one Flink SQL query over Thermocline's Iceberg catalog (namespace selected), e.g. the partition "
                    + "map, the heatmap or a restored table. Time travel: a table hint "
                    + "/*+ OPTIONS('as-of-timestamp'='<epoch millis>') */ or 'snapshot-id'."
        },
        footer = {
            "",
            "Examples:",
            "  thermocline sql \"SELECT partition_key, start_key, end_key FROM partition_map",
            "      WHERE table_name = 'orders'\"",
            "  thermocline sql --format csv \\",
            "      \"SELECT * FROM heatmap /*+ OPTIONS('as-of-timestamp'='1795516260000') */\""
        })
final class SqlCommand extends ActionCommand<SqlRequest> {

    @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
            description = {"How to print the result: table (aligned text), csv (with a header row) or json (one "
                    + "object per line).", "Default: ${DEFAULT-VALUE}"})
    SqlRequest.Format format;

    @Parameters(index = "0", arity = "1", paramLabel = "QUERY", description = "The query, quoted as one argument.")
    String query;

    SqlCommand(ThermoclineCommand root) {
        super(root);
    }

    @Override
    SqlRequest request(ThermoclineConfig config) {
        if (query.isBlank()) {
            throw badArgument("QUERY is empty");
        }
        return new SqlRequest(query, format);
    }

    @Override
    Action<SqlRequest> action(Actions actions) {
        return actions.sql();
    }
}
