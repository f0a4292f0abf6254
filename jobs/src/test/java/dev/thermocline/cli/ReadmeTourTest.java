package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README tour is read the way bash reads it; DemoActionITCase runs it. */
class ReadmeTourTest {

    @Test
    void splitsLikeBash() {
        assertThat(ReadmeTour.split("../thermocline sql \"SELECT * FROM \\`t\\$snapshots\\` WHERE a = 'x'\" # note"))
                .containsExactly("../thermocline", "sql", "SELECT * FROM `t$snapshots` WHERE a = 'x'");
        assertThat(ReadmeTour.split("a 'b \"c\"'  d\\ e")).containsExactly("a", "b \"c\"", "d e");
    }

    @Test
    void refusesWhatBashWouldExpandOrRedirect() {
        assertThatThrownBy(() -> ReadmeTour.split("x \"$HOME\"")).hasMessageContaining("expanded");
        assertThatThrownBy(() -> ReadmeTour.split("x > out")).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> ReadmeTour.split("x 'open")).hasMessageContaining("unclosed");
    }

    @Test
    void theTourShowsThePictureSqlTimeTravelExplainAndRestore() throws Exception {
        List<ReadmeTour.Line> tour = ReadmeTour.read(ProjectFilesTest.ROOT.resolve("README.md"));

        assertThat(tour.get(0).cd()).isEqualTo("thermocline-demo");
        List<String> commands = tour.stream().filter(l -> l.thermoclineArgs() != null)
                .map(l -> String.join(" ", l.thermoclineArgs())).toList();
        assertThat(commands).anyMatch(c -> c.startsWith("heatmap ") && c.contains(".html"));
        assertThat(commands).anyMatch(c -> c.startsWith("partition-map "));
        assertThat(commands).anyMatch(c -> c.startsWith("sql ") && c.contains("OPTIONS("));
        assertThat(commands).anyMatch(c -> c.startsWith("restore ") && c.contains("--explain"));
        assertThat(commands).anyMatch(c -> c.startsWith("restore ") && c.contains("--output"));
    }
}
