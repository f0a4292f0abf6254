package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.workload.WorkloadSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product on a small workload: two phases through changelog, heatmap, repartition and
 * backup, then a restore checked against a replay of the generator's history. The demo exits 1
 * when the restore differs from that oracle, so exit 0 here is the end-to-end guarantee.
 */
class DemoActionITCase {

    @TempDir
    Path wd;

    @Test
    void demoRestoresTheHotRangeExactlyAsTheHistorySays() throws Exception {
        WorkloadSpec small = WorkloadSpec.orders(7).withInitialRows(20_000).withEvents(20_000, 10_000)
                .withBadRecordShare(0.002);
        StringWriter out = new StringWriter();
        ActionContext context = new ActionContext(ThermoclineConfig.defaults(wd), new PrintWriter(out),
                new PrintWriter(new StringWriter()), Clock.systemUTC(), wd);

        int exit = new DemoAction(small, null).run(new DemoRequest(), context);

        assertThat(out.toString()).contains("restore check      OK: equals the replay of the whole history");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).doesNotContain("skipped");
        assertThat(wd.resolve("thermocline-demo/restored-orders.jsonl")).isNotEmptyFile();
        assertThat(Files.size(wd.resolve("thermocline-demo/heatmap.png"))).isPositive();
    }
}
