package dev.thermocline.flink.iceberg;

import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;

/** An existing table does not fit what Thermocline writes into it; the message lists every difference. */
public class IncompatibleTableException extends IllegalStateException {

    private final TableIdentifier table;
    private final List<String> problems;

    public IncompatibleTableException(TableIdentifier table, List<String> problems) {
        super("table " + table + " exists but does not fit Thermocline's definition: " + String.join("; ", problems)
                + " (migrate or drop it, or use another namespace)");
        this.table = table;
        this.problems = List.copyOf(problems);
    }

    public TableIdentifier table() {
        return table;
    }

    public List<String> problems() {
        return problems;
    }
}
