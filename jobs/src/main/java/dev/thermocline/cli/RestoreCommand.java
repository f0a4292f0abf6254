package dev.thermocline.cli;

import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.TableDefinition;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thermocline restore}: arguments become core's {@link RestoreRequest}, typed by the table's key type. */
@Command(name = "restore", sortOptions = false, optionListHeading = "%nOptions:%n",
        customSynopsis = {
            "thermocline restore --table TABLE --as-of TIME",
            "         (--range LO..HI | --keys K1,K2,...)...",
            "         [--into TABLE | --output FILE.jsonl] [--explain]",
            "         [--cluster HOST:PORT] [OPTIONS]"
        },
        description = {
            "Restores key ranges or keys as of a time",
            "",
            "Restores the rows of a key range or a list of keys as of a point in time: every change with "
                    + "ts <= TIME counts. Reads only the partitions covering the keys (their latest backup before "
                    + "TIME plus their change log since) and writes the rows to an Iceberg table or a JSON-lines file "
                    + "(one object per row, sorted by key), in one atomic step."
        },
        footer = {
            "",
            "TIME is an ISO-8601 instant (2026-11-24T10:31:00Z, 2026-11-24T11:31:00+01:00)",
            "or epoch milliseconds. A --range or --keys may carry its own time as a suffix",
            "(--range 1..9@TIME), which overrides --as-of for it.",
            "",
            "Examples:",
            "  thermocline restore --table orders --as-of 2026-11-24T10:31:00Z \\",
            "      --range 10400..10599 --output rows.jsonl",
            "  thermocline restore --table orders --as-of 1795516260000 \\",
            "      --keys 7,42,1001 --range 5000.. --into orders_fix",
            "  thermocline restore --table orders --as-of 2026-11-24T10:31:00Z \\",
            "      --range ..999 --explain"
        })
final class RestoreCommand extends ActionCommand<RestoreCommandRequest> {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The configured table to restore from.")
    String table;

    @Option(names = "--as-of", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Restore as of TIME (inclusive). Required unless every --range/--keys has its own @TIME.")
    Instant asOf;

    @Option(names = "--range", paramLabel = "LO..HI", description = "An inclusive key range; open ends allowed "
            + "(LO.. or ..HI). Repeatable, and combinable with --keys.")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--keys", paramLabel = "K1,K2,...", description = "A list of keys. Repeatable, and combinable with --range.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--into", paramLabel = "TABLE", description = {"Write the rows to this Iceberg table in the "
            + "configured namespace.", "Default: restored_<TABLE>, unless --output is given"})
    String into;

    @Option(names = "--output", paramLabel = "FILE.jsonl", description = "Write the rows to this JSON-lines file "
            + "instead of a table.")
    Path output;

    @Option(names = "--explain", description = "Print the plan and its cost (partitions, snapshots, files, bytes, "
            + "changes to replay, predicted time, next to a full-table restore) and read no data.")
    boolean explain;

    @Mixin
    ClusterOption cluster;

    RestoreCommand(ThermoclineCommand root) {
        super(root);
    }

    @Override
    RestoreCommandRequest request(ThermoclineConfig config) {
        TableSpec spec = table(config, table);
        List<RangeSelection> selections = new ArrayList<>();
        ranges.forEach(text -> selections.add(selection("--range", text, spec.keyType(), RangeSelection::parseRange)));
        keys.forEach(text -> selections.add(selection("--keys", text, spec.keyType(), RangeSelection::parseKeys)));
        if (selections.isEmpty()) {
            throw badArgument("restore of '" + table + "' needs at least one --range or --keys");
        }
        RestoreRequest restore;
        try {
            restore = new RestoreRequest(table, asOf, selections);
        } catch (IllegalArgumentException e) {
            throw badArgument(e.getMessage());
        }
        return new RestoreCommandRequest(restore, target(), explain, cluster.value());
    }

    private RangeSelection selection(String option, String text, KeyType type,
                                     BiFunction<String, KeyType, RangeSelection> parser) {
        try {
            return parser.apply(text, type);
        } catch (IllegalArgumentException e) {
            throw badArgument(option + ": " + e.getMessage() + " (table '" + table + "' has " + type.configName() + " keys)");
        }
    }

    private RestoreTarget target() {
        if (into != null && output != null) {
            throw badArgument("--into '" + into + "' and --output '" + output + "' exclude each other: give one");
        }
        if (output != null) {
            return new RestoreTarget.JsonLinesFile(outputFile("--output", output));
        }
        String name = into != null ? into : "restored_" + table.replaceAll("[^A-Za-z0-9_]", "_");
        if (!TABLE_NAME.matcher(name).matches()) {
            throw badArgument("--into '" + name + "' is not a table name (letters, digits and underscores)");
        }
        if (ThermoclineTables.all().stream().map(TableDefinition::name).anyMatch(name::equalsIgnoreCase)) {
            throw badArgument("--into '" + name + "' is one of Thermocline's own tables; choose another name");
        }
        return new RestoreTarget.IcebergTable(name);
    }

    @Override
    Action<RestoreCommandRequest> action(Actions actions) {
        return actions.restore();
    }
}
