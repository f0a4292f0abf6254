package dev.thermocline.workload;

import dev.thermocline.core.change.ChangeOp;

/** Debezium (PostgreSQL connector) change events as JSON text, in both envelope shapes. */
final class DebeziumJson {

    private DebeziumJson() {}

    static String envelope(WorkloadSpec spec, ChangeOp op, String before, String after, long lsn, long tsMillis) {
        return "{\"before\":" + (before == null ? "null" : before)
                + ",\"after\":" + (after == null ? "null" : after)
                + ",\"source\":{\"version\":\"2.7.3.Final\",\"connector\":\"postgresql\",\"name\":\"shop\""
                + ",\"ts_ms\":" + tsMillis + ",\"snapshot\":\"" + (op == ChangeOp.READ ? "true" : "false") + "\""
                + ",\"db\":\"shop\",\"schema\":\"public\",\"table\":\"" + spec.tableName() + "\""
                + ",\"txId\":" + (lsn / 8) + ",\"lsn\":" + lsn + "}"
                + ",\"op\":\"" + op.code() + "\",\"ts_ms\":" + (tsMillis + 3) + "}";
    }

    /** The converter's {@code schemas.enable=true} shape: the event under {@code payload}. */
    static String wrapped(String envelope) {
        return "{\"schema\":{\"type\":\"struct\",\"optional\":false,\"name\":\"shop.public.orders.Envelope\","
                + "\"fields\":[]},\"payload\":" + envelope + "}";
    }
}
