package dev.thermocline.restore;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.reconstruct.RowState;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Restored rows as a JSON-lines file, sorted by key. Workers write one part per unit into a hidden
 * staging directory beside the target; {@link #commit} merges the parts in key order into a hidden
 * temporary file and renames it onto the target atomically, so the target is either the old file
 * (or absent) or the complete result. Staging directories of killed earlier runs are removed.
 * Workers need the target's directory (local runs, or a shared file system).
 */
public final class JsonLinesOutput implements RestoreOutput {

    private final Path target;
    private final KeyType keyType;
    private Path staging;

    public JsonLinesOutput(Path target, KeyType keyType) {
        this.target = Objects.requireNonNull(target, "target is required").toAbsolutePath().normalize();
        this.keyType = Objects.requireNonNull(keyType, "key type is required");
    }

    @Override
    public UnitWriterFactory prepare(String runId) throws IOException {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write " + target + ": it is a directory");
        }
        removeStaleStaging(dir);
        staging = Files.createDirectory(dir.resolve(stagingPrefix() + runId));
        String stagingDir = staging.toString();
        return unit -> new PartWriter(Path.of(stagingDir).resolve(String.format("unit-%05d-%s.jsonl", unit, UUID.randomUUID())));
    }

    @Override
    public void commit(List<String> parts, Map<String, String> summary) throws IOException {
        Path temporary = staging.resolveSibling(staging.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
            List<Part> ordered = ordered(parts);
            if (ordered != null) {
                for (Part part : ordered) {
                    Files.copy(part.path(), out); // disjoint key ranges in order: concatenation is the merge
                }
            } else {
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                merge(parts, writer);
                writer.flush();
            }
            out.flush();
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        deleteRecursively(staging);
    }

    /** A part with its first and last key (null for an empty part). */
    private record Part(Path path, Key first, Key last) {}

    /** The non-empty parts sorted by first key when their key ranges do not interleave; else null. */
    private List<Part> ordered(List<String> parts) throws IOException {
        List<Part> out = new ArrayList<>();
        for (String p : parts) {
            Path path = Path.of(p);
            String first = firstLine(path);
            if (first != null) {
                out.add(new Part(path, RestoredRowJson.key(first, keyType), RestoredRowJson.key(lastLine(path), keyType)));
            }
        }
        out.sort(Comparator.comparing(Part::first));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i - 1).last().compareTo(out.get(i).first()) >= 0) {
                return null;
            }
        }
        return out;
    }

    private static String firstLine(Path path) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return r.readLine();
        }
    }

    /** The last line of a non-empty file that ends with a newline, read from its end. */
    private static String lastLine(Path path) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            long end = f.length() - 1; // the final '\n'
            long pos = end - 1;
            while (pos >= 0) {
                f.seek(pos);
                if (f.read() == '\n') {
                    break;
                }
                pos--;
            }
            byte[] bytes = new byte[(int) (end - pos - 1)];
            f.seek(pos + 1);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void abort() {
        if (staging != null) {
            try {
                Files.deleteIfExists(staging.resolveSibling(staging.getFileName() + ".tmp"));
                deleteRecursively(staging);
            } catch (IOException | UncheckedIOException ignored) {
                // best effort: a later run removes stale staging
            }
        }
    }

    @Override
    public String describe() {
        return "file " + target;
    }

    /** A k-way merge by key; parts are each sorted and, for one key, only one part has it. */
    private void merge(List<String> parts, BufferedWriter out) throws IOException {
        record Head(Key key, String line, BufferedReader reader) {}
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::key));
        List<BufferedReader> readers = new ArrayList<>();
        try {
            for (String part : parts) {
                BufferedReader r = Files.newBufferedReader(Path.of(part), StandardCharsets.UTF_8);
                readers.add(r);
                String line = r.readLine();
                if (line != null) {
                    heads.add(new Head(RestoredRowJson.key(line, keyType), line, r));
                }
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                out.write(h.line());
                out.write('\n');
                String next = h.reader().readLine();
                if (next != null) {
                    heads.add(new Head(RestoredRowJson.key(next, keyType), next, h.reader()));
                }
            }
        } finally {
            for (BufferedReader r : readers) {
                r.close();
            }
        }
    }

    private String stagingPrefix() {
        return "." + target.getFileName() + ".restore-";
    }

    private void removeStaleStaging(Path dir) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, stagingPrefix() + "*")) {
            for (Path p : stale) {
                if (Files.isDirectory(p)) {
                    deleteRecursively(p);
                } else {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One unit's part: lines in key order. */
    private static final class PartWriter implements UnitWriter {
        private final Path path;
        private final OutputStream out;
        private final RestoredRowJson.Lines lines;
        private boolean finished;

        PartWriter(Path path) throws IOException {
            this.path = path;
            this.out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW), 1 << 16);
            this.lines = new RestoredRowJson.Lines(out);
        }

        @Override
        public void write(RowState row) throws IOException {
            lines.write(row);
        }

        @Override
        public String finish() throws IOException {
            out.close();
            finished = true;
            return path.toString();
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                out.close();
                Files.deleteIfExists(path);
            }
        }
    }
}
