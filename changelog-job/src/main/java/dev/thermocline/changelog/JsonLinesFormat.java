package dev.thermocline.changelog;

import dev.thermocline.flink.format.SourceRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * A JSON-lines file as raw {@link SourceRecord}s ({@code file:PATH} and the 1-based line number),
 * for {@code --source file:PATH}: bytes are kept exactly as written (a trailing {@code \r} aside) so
 * a bad line reaches the dead letters unchanged. The file is read by one reader, in order; on
 * recovery Flink's file source skips the lines already emitted, so line numbers stay right.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<SourceRecord> {

    private static final long serialVersionUID = 1L;

    private final String path;

    public JsonLinesFormat(String path) {
        this.path = Objects.requireNonNull(path, "path is required.");
    }

    /** A bounded source of the lines of {@code file}. */
    public static FileSource<SourceRecord> source(java.nio.file.Path file) {
        java.nio.file.Path absolute = file.toAbsolutePath().normalize();
        return FileSource.forRecordStreamFormat(new JsonLinesFormat(absolute.toString()),
                Path.fromLocalFile(absolute.toFile())).build();
    }

    @Override
    public StreamFormat.Reader<SourceRecord> createReader(Configuration config, FSDataInputStream stream) {
        InputStream in = new BufferedInputStream(stream, 1 << 16);
        return new StreamFormat.Reader<>() {
            private long line;

            @Override
            public SourceRecord read() throws IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    bytes.write(b);
                }
                if (b == -1 && bytes.size() == 0) {
                    return null;
                }
                byte[] value = bytes.toByteArray();
                if (value.length > 0 && value[value.length - 1] == '\r') {
                    value = java.util.Arrays.copyOf(value, value.length - 1);
                }
                return SourceRecord.ofFile(path, ++line, value);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return SourceRecord.typeInfo();
    }
}
