package dev.thermocline.restore;

import dev.thermocline.core.restore.CostModel;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * Keeps the calibrated cost model between runs in a small properties file (the command line puts it
 * in a local warehouse). A missing or unreadable file means the built-in defaults; saving is best
 * effort and atomic (write aside, rename).
 */
public final class CostModelFile {

    private final Path file;

    public CostModelFile(Path file) {
        this.file = file;
    }

    public CostModel load() {
        if (file == null || !Files.isRegularFile(file)) {
            return CostModel.DEFAULT;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            CostModel d = CostModel.DEFAULT;
            return new CostModel(
                    Double.parseDouble(p.getProperty("base-bytes-per-second", Double.toString(d.baseBytesPerSecond()))),
                    Double.parseDouble(p.getProperty("change-bytes-per-second", Double.toString(d.changeBytesPerSecond()))),
                    Double.parseDouble(p.getProperty("seconds-per-file", Double.toString(d.secondsPerFile()))),
                    Double.parseDouble(p.getProperty("startup-seconds", Double.toString(d.startupSeconds()))));
        } catch (IOException | IllegalArgumentException e) {
            return CostModel.DEFAULT;
        }
    }

    public void save(CostModel model) {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("base-bytes-per-second", format(model.baseBytesPerSecond()));
        p.setProperty("change-bytes-per-second", format(model.changeBytesPerSecond()));
        p.setProperty("seconds-per-file", format(model.secondsPerFile()));
        p.setProperty("startup-seconds", format(model.startupSeconds()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "thermocline restore cost model, calibrated from measured restores");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // calibration is an optimisation; a read-only warehouse keeps the previous model
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
