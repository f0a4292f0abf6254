package dev.thermocline.cli.sql;

/**
 * Flink's SQL errors nest the useful sentence (e.g. "Object 'x' not found") several causes deep
 * and span lines; a person wants that sentence on one line.
 */
final class SqlErrors {

    private SqlErrors() {}

    static String oneLine(Throwable e) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                best = m;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (best == null) {
            return e.getClass().getSimpleName();
        }
        String first = best.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse(best).strip();
        return first.replaceFirst("^From line \\d+, column \\d+ to line \\d+, column \\d+: ", "");
    }
}
