package dev.thermocline.heatmap;

import dev.thermocline.flink.format.SourceRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * A JSON-lines file as raw records: each non-blank line's bytes, exactly as written (a trailing
 * {@code \r} dropped), with its 1-based line number, so a dead letter names {@code file:PATH:LINE}.
 * Blank lines are skipped but still counted. A line longer than {@value #MAX_LINE_BYTES} bytes is
 * cut there (the parser then rejects it as oversized) so one broken file cannot exhaust memory.
 *
 * <p>Not splittable, and the reader reports no position: a restore re-reads the file from its start
 * and skips what was already emitted, which keeps the line numbers right.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<SourceRecord> {

    static final int MAX_LINE_BYTES = 16 << 20;
    private static final long serialVersionUID = 1L;

    private final String path;

    /** @param path the file's path as it should appear in dead letters */
    JsonLinesFormat(String path) {
        this.path = path;
    }

    /** A bounded source of {@code file}'s lines. */
    public static FileSource<SourceRecord> source(java.nio.file.Path file) {
        java.nio.file.Path absolute = file.toAbsolutePath().normalize();
        return FileSource.forRecordStreamFormat(new JsonLinesFormat(absolute.toString()), Path.fromLocalFile(absolute.toFile()))
                .build();
    }

    @Override
    public StreamFormat.Reader<SourceRecord> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(path, new BufferedInputStream(stream, 64 << 10));
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return SourceRecord.typeInfo();
    }

    private static final class LineReader implements StreamFormat.Reader<SourceRecord> {
        private final String path;
        private final InputStream in;
        private byte[] buffer = new byte[512];
        private long lineNumber;

        LineReader(String path, InputStream in) {
            this.path = path;
            this.in = in;
        }

        @Override
        public SourceRecord read() throws IOException {
            while (true) {
                int length = 0;
                int b;
                boolean any = false;
                while ((b = in.read()) != -1 && b != '\n') {
                    any = true;
                    if (length < MAX_LINE_BYTES) {
                        if (length == buffer.length) {
                            buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE_BYTES, buffer.length * 2));
                        }
                        buffer[length++] = (byte) b;
                    }
                }
                if (b == -1 && !any) {
                    return null;
                }
                lineNumber++;
                if (length > 0 && buffer[length - 1] == '\r') {
                    length--;
                }
                if (!isBlank(buffer, length)) {
                    return SourceRecord.ofFile(path, lineNumber, Arrays.copyOf(buffer, length));
                }
            }
        }

        private static boolean isBlank(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
