package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.flink.config.ConfigOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The launcher, CI script and README stay in step with the code and the parent pom. */
class ProjectFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void launcherCarriesTheParentPomsFlinkJvmOpens() throws IOException {
        Matcher m = Pattern.compile("<flink\\.jvm\\.opens>(.*?)</flink\\.jvm\\.opens>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        String launcher = Files.readString(ROOT.resolve("thermocline"));

        assertThat(launcher).contains("flink_jvm_opens=\"" + m.group(1) + "\"");
        assertThat(launcher).startsWith("#!/usr/bin/env bash").contains("dev.thermocline.cli.ThermoclineCommand");
        assertThat(Files.isExecutable(ROOT.resolve("thermocline"))).isTrue();
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        assertThat(Files.isExecutable(ROOT.resolve(".ci/run"))).isTrue();
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("set -euo pipefail").contains("mvn -B -ntp verify");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("mvn -B verify");
    }

    @Test
    void readmeDocumentsEveryConfigurationOptionAndCommand() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (ConfigOption option : ConfigOption.values()) {
            // The option's row of the configuration table: | key | default | environment | flag | meaning |
            String row = readme.lines().filter(l -> l.startsWith("| `" + option.key() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("README.md has no configuration row for " + option.key()));
            String[] cells = row.split(" \\| ");
            if (option.defaultValue() != null) {
                assertThat(cells[1]).as(option.key() + " default").contains("`" + option.defaultValue() + "`");
            }
            assertThat(cells[2]).as(option.key() + " environment")
                    .isEqualTo(option.environmentVariable() == null ? "–" : "`" + option.environmentVariable() + "`");
            assertThat(cells[3]).as(option.key() + " flag")
                    .isEqualTo(option.flag() == null ? "`-D`" : "`" + option.flag() + "`");
        }
        assertThat(readme).contains(ConfigOption.CONFIG_FILE_ENV, "THERMOCLINE_JAVA_OPTS", "THERMOCLINE_LOG_FILE");
        for (String command : ThermoclineCommandTest.COMMANDS) {
            assertThat(readme).contains("thermocline " + command);
        }
    }
}
