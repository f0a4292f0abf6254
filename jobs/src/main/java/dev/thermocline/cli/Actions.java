package dev.thermocline.cli;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The action behind each sub-command. {@link #defaults()} is the production wiring: each issue that
 * implements a command replaces its {@link #notImplementedYet} entry there. Tests build their own
 * with {@link #builder()}.
 */
public final class Actions {

    private final Action<DemoRequest> demo;
    private final Map<JobKind, Action<RunJobRequest>> run;
    private final Action<BackupRequest> backup;
    private final Action<RestoreCommandRequest> restore;
    private final Action<PartitionMapRequest> partitionMap;
    private final Action<HeatmapPictureRequest> heatmap;
    private final Action<SqlRequest> sql;

    private Actions(Builder b) {
        this.demo = b.demo;
        this.run = new EnumMap<>(b.run);
        this.backup = b.backup;
        this.restore = b.restore;
        this.partitionMap = b.partitionMap;
        this.heatmap = b.heatmap;
        this.sql = b.sql;
    }

    /** What {@code thermocline} runs. */
    public static Actions defaults() {
        return builder().build();
    }

    /** Starts from {@link #defaults()}; replace what you need. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An honest placeholder: the command validates its arguments and configuration, then reports
     * that issue {@code issue} delivers it.
     */
    public static <R> Action<R> notImplementedYet(String command, int issue) {
        return (request, context) -> {
            throw new NotImplementedYetException(command + ": not implemented yet (issue #" + issue + ")");
        };
    }

    Action<DemoRequest> demo() {
        return demo;
    }

    Action<RunJobRequest> run(JobKind job) {
        return run.get(job);
    }

    Action<BackupRequest> backup() {
        return backup;
    }

    Action<RestoreCommandRequest> restore() {
        return restore;
    }

    Action<PartitionMapRequest> partitionMap() {
        return partitionMap;
    }

    Action<HeatmapPictureRequest> heatmap() {
        return heatmap;
    }

    Action<SqlRequest> sql() {
        return sql;
    }

    public static final class Builder {
        // Issue numbers: heatmap job #3, changelog + backup #4, repartition + partition-map #5,
        // restore #6, demo / heatmap picture / sql #8, cluster submission (--cluster) #7.
        private Action<DemoRequest> demo = new DemoAction();
        private final Map<JobKind, Action<RunJobRequest>> run = new EnumMap<>(Map.of(
                JobKind.HEATMAP, new HeatmapRunAction(),
                JobKind.REPARTITION, new dev.thermocline.cli.repartition.RunRepartitionAction(),
                JobKind.CHANGELOG, new ChangelogAction()));
        private Action<BackupRequest> backup = new BackupAction();
        private Action<RestoreCommandRequest> restore = RestoreAction.forThisProcess();
        private Action<PartitionMapRequest> partitionMap = new dev.thermocline.cli.partitionmap.PartitionMapAction();
        private Action<HeatmapPictureRequest> heatmap = new dev.thermocline.cli.heatmap.HeatmapPictureAction();
        private Action<SqlRequest> sql = new dev.thermocline.cli.sql.SqlAction();

        private Builder() {}

        public Builder demo(Action<DemoRequest> action) {
            this.demo = Objects.requireNonNull(action);
            return this;
        }

        public Builder run(JobKind job, Action<RunJobRequest> action) {
            this.run.put(job, Objects.requireNonNull(action));
            return this;
        }

        public Builder backup(Action<BackupRequest> action) {
            this.backup = Objects.requireNonNull(action);
            return this;
        }

        public Builder restore(Action<RestoreCommandRequest> action) {
            this.restore = Objects.requireNonNull(action);
            return this;
        }

        public Builder partitionMap(Action<PartitionMapRequest> action) {
            this.partitionMap = Objects.requireNonNull(action);
            return this;
        }

        public Builder heatmap(Action<HeatmapPictureRequest> action) {
            this.heatmap = Objects.requireNonNull(action);
            return this;
        }

        public Builder sql(Action<SqlRequest> action) {
            this.sql = Objects.requireNonNull(action);
            return this;
        }

        public Actions build() {
            return new Actions(this);
        }
    }
}
