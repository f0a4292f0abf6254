package dev.thermocline.cli.heatmap;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, on a throw-away profile with every background network
 * feature off: dumps a page's DOM after its scripts ran, or takes a screenshot.
 */
final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 90;

    private final Path executable;
    private final Path workDir;

    private HeadlessChromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** The browser on the PATH, or empty when it is not installed ({@code .ci/run} installs it). */
    static Optional<HeadlessChromium> find(Path workDir) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new HeadlessChromium(candidate, workDir));
            }
        }
        return Optional.empty();
    }

    /** The page's DOM once loaded and its scripts have run. */
    String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url), "dom");
    }

    void screenshot(String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1200,800", "--hide-scrollbars", url), "screenshot");
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot to " + png);
        }
    }

    private String run(List<String> args, String what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path out = workDir.resolve(what + "-" + System.nanoTime() + ".out");
        Path err = workDir.resolve(what + "-" + System.nanoTime() + ".err");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium " + what + " did not finish in " + TIMEOUT_SECONDS + " s; stderr in " + err);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium " + what + " exited " + p.exitValue() + ": " + Files.readString(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
