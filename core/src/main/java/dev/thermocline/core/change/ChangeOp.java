package dev.thermocline.core.change;

/** Debezium's operation codes: create, update, delete, and read (a snapshot row, which seeds history). */
public enum ChangeOp {
    CREATE("c"),
    UPDATE("u"),
    DELETE("d"),
    READ("r");

    private final String code;

    ChangeOp(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** True when the change leaves the row present (everything but a delete). */
    public boolean upserts() {
        return this != DELETE;
    }

    public static ChangeOp fromCode(String code) {
        if (code != null) {
            for (ChangeOp op : values()) {
                if (op.code.equals(code)) {
                    return op;
                }
            }
        }
        throw new IllegalArgumentException("op '" + code + "' is not one of c, u, d, r");
    }
}
