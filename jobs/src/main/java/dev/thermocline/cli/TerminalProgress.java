package dev.thermocline.cli;

import dev.thermocline.restore.RestoreProgress;
import dev.thermocline.restore.Sizes;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A restore's progress for a person at a terminal: one redrawn line on stderr with bytes read of
 * those planned (bar, rate, ETA), partitions done of total, and rows so far.
 */
final class TerminalProgress implements RestoreProgress, AutoCloseable {

    private final PrintWriter err;
    private ProgressBar bar;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void update(Snapshot p) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("restore")
                    .setInitialMax(Math.max(1, p.plannedBytes()))
                    .setUnit(" MiB", 1 << 20)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        err.print('\r' + line);
                        err.flush();
                    }, 120))
                    .build();
        }
        bar.stepTo(Math.min(p.bytesRead(), bar.getMax()));
        bar.setExtraMessage(String.format(Locale.ROOT, "%d/%d partitions, %,d rows, %s", p.unitsDone(), p.units(),
                p.rows(), Sizes.bytes(p.bytesRead())));
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
        }
    }
}
