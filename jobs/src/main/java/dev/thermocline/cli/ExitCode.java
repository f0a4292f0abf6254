package dev.thermocline.cli;

/** The exit statuses of {@code thermocline}; scripts rely on them. */
public final class ExitCode {

    /** Done. */
    public static final int OK = 0;
    /** The command ran and failed (unknown data, a job failure, …); one line on stderr says why. */
    public static final int FAILURE = 1;
    /** Bad arguments or configuration; one line on stderr names the offending input. */
    public static final int USAGE = 2;
    /** The command exists in the contract but a later issue implements it; one line on stderr says which. */
    public static final int NOT_IMPLEMENTED = 3;

    private ExitCode() {}
}
