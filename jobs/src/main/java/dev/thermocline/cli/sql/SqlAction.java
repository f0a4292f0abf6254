package dev.thermocline.cli.sql;

import dev.thermocline.cli.Action;
import dev.thermocline.cli.ActionContext;
import dev.thermocline.cli.ExitCode;
import dev.thermocline.cli.SqlRequest;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * {@code thermocline sql}: one Flink SQL statement, in batch mode, with the Iceberg catalog
 * registered and the Thermocline namespace as the current database, so {@code heatmap},
 * {@code partition_map} or a {@code restored_*} table can be named directly. Time travel uses
 * Iceberg's read options as table hints ({@code 'as-of-timestamp'}, {@code 'snapshot-id'}).
 */
public final class SqlAction implements Action<SqlRequest> {

    @Override
    public int run(SqlRequest request, ActionContext context) throws Exception {
        CatalogSettings catalog = context.config().catalogSettings();
        TableEnvironment tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        IcebergCatalogs.register(tableEnv, catalog);
        tableEnv.useCatalog(catalog.name());
        tableEnv.executeSql("CREATE DATABASE IF NOT EXISTS `" + context.config().namespace() + "`");
        tableEnv.useDatabase(context.config().namespace());

        TableResult result;
        try {
            result = tableEnv.executeSql(request.query());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("query failed: " + SqlErrors.oneLine(e), e);
        }
        if (result.getResultKind() == ResultKind.SUCCESS) {
            context.out().println("OK");
            context.out().flush();
            return ExitCode.OK;
        }
        List<String> columns = result.getResolvedSchema().getColumnNames();
        List<Object[]> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                Object[] values = new Object[row.getArity()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.getField(i);
                }
                rows.add(values);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("query failed while running: " + SqlErrors.oneLine(e), e);
        }
        ResultPrinter.print(request.format(), columns, rows, context.out());
        return ExitCode.OK;
    }
}
