package dev.thermocline.flink.iceberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Whether an existing table can be used where a {@link TableDefinition} is expected. Compares by
 * column name and type, never by field id (catalogs renumber ids at creation). Compatible means:
 *
 * <ul>
 *   <li>every expected column exists with the same type (nested types compared the same way);
 *   <li>a column expected optional is not required (writers may write null); a column expected
 *       required may be optional (writers always fill it);
 *   <li>extra columns are optional (added later, e.g. typed columns), never required;
 *   <li>the partition spec has the same source columns and transforms, in order.
 * </ul>
 */
final class TableCompatibility {

    private TableCompatibility() {}

    /** Every way {@code actual} falls short of {@code expected}; empty when compatible. */
    static List<String> problems(Schema expectedSchema, PartitionSpec expectedSpec, Schema actualSchema, PartitionSpec actualSpec) {
        List<String> problems = new ArrayList<>();
        for (Types.NestedField want : expectedSchema.columns()) {
            Types.NestedField have = actualSchema.findField(want.name());
            if (have == null) {
                problems.add("column '" + want.name() + "' is missing");
            } else if (!sameType(want.type(), have.type())) {
                problems.add("column '" + want.name() + "' is " + have.type() + ", expected " + want.type());
            } else if (want.isOptional() && have.isRequired()) {
                problems.add("column '" + want.name() + "' is required, expected optional");
            }
        }
        for (Types.NestedField have : actualSchema.columns()) {
            if (have.isRequired() && expectedSchema.findField(have.name()) == null) {
                problems.add("unexpected required column '" + have.name() + "'");
            }
        }
        List<String> wantSpec = describe(expectedSpec, expectedSchema);
        List<String> haveSpec = describe(actualSpec, actualSchema);
        if (!wantSpec.equals(haveSpec)) {
            problems.add("partitioned by " + haveSpec + ", expected " + wantSpec);
        }
        return problems;
    }

    static List<String> describe(PartitionSpec spec, Schema schema) {
        List<String> fields = new ArrayList<>();
        for (PartitionField f : spec.fields()) {
            String column = Objects.requireNonNullElse(schema.findColumnName(f.sourceId()), "#" + f.sourceId());
            String transform = f.transform().toString();
            fields.add(transform.equals("identity") ? column : transform + "(" + column + ")");
        }
        return fields;
    }

    static boolean sameType(Type a, Type b) {
        if (a.isPrimitiveType() || b.isPrimitiveType()) {
            return a.equals(b);
        }
        if (a.typeId() != b.typeId()) {
            return false;
        }
        return switch (a.typeId()) {
            case STRUCT -> sameFields(a.asStructType().fields(), b.asStructType().fields());
            case LIST -> a.asListType().isElementOptional() == b.asListType().isElementOptional()
                    && sameType(a.asListType().elementType(), b.asListType().elementType());
            case MAP -> a.asMapType().isValueOptional() == b.asMapType().isValueOptional()
                    && sameType(a.asMapType().keyType(), b.asMapType().keyType())
                    && sameType(a.asMapType().valueType(), b.asMapType().valueType());
            default -> a.equals(b);
        };
    }

    private static boolean sameFields(List<Types.NestedField> a, List<Types.NestedField> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Types.NestedField x = a.get(i);
            Types.NestedField y = b.get(i);
            if (!x.name().equals(y.name()) || x.isOptional() != y.isOptional() || !sameType(x.type(), y.type())) {
                return false;
            }
        }
        return true;
    }
}
