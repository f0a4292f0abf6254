package dev.thermocline.cli;

/**
 * What a sub-command does once its arguments and the configuration are valid. Each sub-command
 * builds a typed request ({@link RestoreCommandRequest}, {@link RunJobRequest}, …) and hands it
 * to its action; the jobs and tools of later issues implement this interface and are plugged in
 * by {@link Actions#defaults()}.
 *
 * @param <R> the request type
 */
@FunctionalInterface
public interface Action<R> {

    /**
     * @return the exit status, {@link ExitCode#OK} on success
     * @throws Exception a failure; its message becomes the one-line reason on stderr (exit {@link ExitCode#FAILURE})
     */
    int run(R request, ActionContext context) throws Exception;
}
