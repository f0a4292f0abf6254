package dev.thermocline.heatmap;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Any source, whose first reader throws from inside {@code pollNext} when the {@link FailurePlan}
 * says so: a crash in the middle of the source operator, after which Flink restarts the job from its
 * last checkpoint. Readers are paced (a millisecond's pause every few records) so a run spans many
 * checkpoints and the crashes land between commits.
 */
final class FailingSource<T, S extends SourceSplit, E> implements Source<T, S, E>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final Source<T, S, E> delegate;
    private final TypeInformation<T> type;
    private final String plan;

    FailingSource(Source<T, S, E> delegate, TypeInformation<T> type, String plan) {
        this.delegate = delegate;
        this.type = type;
        this.plan = plan;
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        SourceReader<T, S> reader = delegate.createReader(context);
        return new Reader<>(reader, FailurePlan.named(plan), context.getIndexOfSubtask() == 0 ? "source" : "source-other");
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context) throws Exception {
        return delegate.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint) throws Exception {
        return delegate.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    private static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {
        private static final int RECORDS_PER_PAUSE = 4;

        private final SourceReader<T, S> delegate;
        private final FailurePlan.Countdown countdown;
        private long polls;

        Reader(SourceReader<T, S> delegate, FailurePlan plan, String where) {
            this.delegate = delegate;
            this.countdown = plan.countdown(where);
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public org.apache.flink.core.io.InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (++polls % RECORDS_PER_PAUSE == 0) {
                Thread.sleep(1);
            }
            return delegate.pollNext(new CountingOutput<>(output, countdown));
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            return delegate.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return delegate.isAvailable();
        }

        @Override
        public void addSplits(List<S> splits) {
            delegate.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            delegate.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            delegate.handleSourceEvents(event);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> pause, Collection<String> resume) {
            delegate.pauseOrResumeSplits(pause, resume);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            countdown.checkpointCompleted();
            delegate.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void close() throws Exception {
            delegate.close();
        }
    }

    private static final class CountingOutput<T> implements ReaderOutput<T> {
        private final ReaderOutput<T> delegate;
        private final FailurePlan.Countdown countdown;

        CountingOutput(ReaderOutput<T> delegate, FailurePlan.Countdown countdown) {
            this.delegate = delegate;
            this.countdown = countdown;
        }

        @Override
        public void collect(T record) {
            countdown.tick();
            delegate.collect(record);
        }

        @Override
        public void collect(T record, long timestamp) {
            countdown.tick();
            delegate.collect(record, timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            delegate.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            delegate.markIdle();
        }

        @Override
        public void markActive() {
            delegate.markActive();
        }

        @Override
        public SourceOutput<T> createOutputForSplit(String splitId) {
            SourceOutput<T> split = delegate.createOutputForSplit(splitId);
            return new SourceOutput<>() {
                @Override
                public void collect(T record) {
                    countdown.tick();
                    split.collect(record);
                }

                @Override
                public void collect(T record, long timestamp) {
                    countdown.tick();
                    split.collect(record, timestamp);
                }

                @Override
                public void emitWatermark(Watermark watermark) {
                    split.emitWatermark(watermark);
                }

                @Override
                public void markIdle() {
                    split.markIdle();
                }

                @Override
                public void markActive() {
                    split.markActive();
                }
            };
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            delegate.releaseOutputForSplit(splitId);
        }
    }
}
