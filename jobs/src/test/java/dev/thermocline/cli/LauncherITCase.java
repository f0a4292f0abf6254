package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code thermocline} launcher script with the packaged bundle, run as a user would, from another directory. */
class LauncherITCase {

    static final Path LAUNCHER = Path.of("..", "thermocline").toAbsolutePath().normalize();

    @TempDir
    Path wd;

    @Test
    void helpWorksFromAnyDirectoryAndKeepsTheTerminalAndDirectoryClean() throws Exception {
        Run r = run(Map.of(), LAUNCHER.toString(), "--help");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Usage: thermocline").contains("Commands:", "restore", "partition-map");
        assertThat(r.err()).isEmpty();
        assertThat(wd.resolve("thermocline.log")).doesNotExist();
    }

    @Test
    void badArgumentsAndAnUnreachableClusterGiveOneLineAndTheirExitCodes() throws Exception {
        ConfigFiles.writeOrders(wd);

        Run bad = run(Map.of(), LAUNCHER.toString(), "restore", "--table", "orders", "--as-of", "yesterday", "--range", "1..2");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err().lines()).singleElement().asString().startsWith("thermocline: --as-of: time 'yesterday'");

        String closed = "127.0.0.1:" + dev.thermocline.embedded.FreePorts.next();
        Run unreachable = run(Map.of(), LAUNCHER.toString(), "backup", "--cluster", closed);
        assertThat(unreachable.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(unreachable.err().lines()).singleElement().asString()
                .startsWith("thermocline: cannot reach the Flink cluster at " + closed + " (--cluster): connection refused");
        assertThat(unreachable.out()).isEmpty();
    }

    @Test
    void javaOptionsFromTheEnvironmentReachTheJvm() throws Exception {
        Run r = run(Map.of("THERMOCLINE_JAVA_OPTS", "-Dthermocline.probe=seen -XshowSettings:properties"),
                LAUNCHER.toString(), "--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("thermocline 0.1.0-SNAPSHOT");
        assertThat(r.err()).contains("thermocline.probe = seen", "aws.requestChecksumCalculation = when_required",
                "log4j.configurationFile = classpath:thermocline-cli-log4j2.properties");
    }

    @Test
    void javaHomeIsHonouredAndFlinksJvmFlagsArePassed() throws Exception {
        Path javaHome = wd.resolve("jdk");
        Path fakeJava = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(fakeJava, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run r = run(Map.of("JAVA_HOME", javaHome.toString()), LAUNCHER.toString(), "sql", "SELECT 'a b'");

        assertThat(r.exit()).isZero();
        List<String> args = r.out().lines().toList();
        assertThat(args).contains("--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "-Daws.responseChecksumValidation=when_required", "-Dthermocline.log.file=" + wd.resolve("thermocline.log"));
        assertThat(args.get(args.indexOf("-cp") + 1)).startsWith(LAUNCHER.getParent().resolve("jobs/target/thermocline-bundle.jar") + ":")
                .contains("flink-runtime-2.0.0.jar");
        assertThat(args.subList(args.size() - 3, args.size()))
                .containsExactly("dev.thermocline.cli.ThermoclineCommand", "sql", "SELECT 'a b'");
    }

    @Test
    void withoutABuiltBundleItSaysHowToBuildOne() throws Exception {
        Path copy = wd.resolve("checkout/thermocline");
        Files.createDirectories(copy.getParent());
        Files.copy(LAUNCHER, copy);

        Run r = run(Map.of(), copy.toString(), "--help");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("thermocline: not built yet; run 'mvn -B -DskipTests package' in "
                + copy.getParent() + " first");
    }

    private Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(wd.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("THERMOCLINE_"));
        pb.environment().putAll(env);
        Path out = wd.resolve(".out");
        Path err = wd.resolve(".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish in 60 s: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    record Run(int exit, String out, String err) {}
}
