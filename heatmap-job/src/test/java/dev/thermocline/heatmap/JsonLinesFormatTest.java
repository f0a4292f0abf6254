package dev.thermocline.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.flink.format.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatTest {

    @TempDir
    Path dir;

    @Test
    void eachNonBlankLineIsARecordWithItsExactBytesAndLineNumber() throws Exception {
        Path file = dir.resolve("access.jsonl");
        byte[] content = "{\"a\":1}\r\n\n   \n{\"b\":\"é\"}\nnot json\n{\"c\":3}".getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);

        List<String> read = new ArrayList<>();
        JsonLinesFormat format = new JsonLinesFormat(file.toString());
        try (StreamFormat.Reader<SourceRecord> reader = format.createReader(new Configuration(),
                LocalFileSystem.getSharedInstance().open(new org.apache.flink.core.fs.Path(file.toUri())))) {
            for (SourceRecord r = reader.read(); r != null; r = reader.read()) {
                read.add(r.describe() + " " + new String(r.value(), StandardCharsets.UTF_8));
            }
        }

        String at = "file:" + file + ":";
        assertThat(read).containsExactly(at + "1 {\"a\":1}", at + "4 {\"b\":\"é\"}", at + "5 not json", at + "6 {\"c\":3}");
    }
}
