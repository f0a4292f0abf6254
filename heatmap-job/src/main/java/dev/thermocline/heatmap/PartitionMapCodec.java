package dev.thermocline.heatmap;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact, explicit byte form of a {@link PartitionMapHistory}, for Flink's broadcast state and the
 * feed's records: unlike Java serialization it does not break when a core class changes shape, so a
 * savepoint survives an upgrade. Keys are stored as their canonical text.
 *
 * <pre>version(1) table keyType revisions{revision validFromSeconds validFromNanos reason nextOrdinal
 *  partitions{id start? end?}}</pre>
 */
public final class PartitionMapCodec {

    private static final byte VERSION = 1;

    private PartitionMapCodec() {}

    public static byte[] encode(PartitionMapHistory history) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(history.tableName());
            List<PartitionMap> revisions = history.revisions();
            out.writeUTF(revisions.isEmpty() ? KeyType.LONG.configName() : revisions.get(0).keyType().configName());
            out.writeInt(revisions.size());
            for (PartitionMap map : revisions) {
                out.writeLong(map.revision());
                out.writeLong(map.validFrom().getEpochSecond());
                out.writeInt(map.validFrom().getNano());
                out.writeUTF(map.reason());
                out.writeLong(map.nextPartitionOrdinal());
                out.writeInt(map.partitions().size());
                for (Partition p : map.partitions()) {
                    out.writeUTF(p.partitionKey());
                    writeKey(out, p.range().start());
                    writeKey(out, p.range().end());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the partition-map history of " + history.tableName() + " failed", e);
        }
        return bytes.toByteArray();
    }

    public static PartitionMapHistory decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("partition-map history format version " + version + " is not supported");
            }
            String table = in.readUTF();
            KeyType keyType = KeyType.fromName(in.readUTF());
            int count = in.readInt();
            List<PartitionMap> maps = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long revision = in.readLong();
                Instant validFrom = Instant.ofEpochSecond(in.readLong(), in.readInt());
                String reason = in.readUTF();
                long nextOrdinal = in.readLong();
                int partitions = in.readInt();
                List<Partition> list = new ArrayList<>(partitions);
                for (int j = 0; j < partitions; j++) {
                    String id = in.readUTF();
                    list.add(new Partition(id, new KeyRange(readKey(in, keyType), readKey(in, keyType))));
                }
                maps.add(new PartitionMap(table, keyType, revision, validFrom, reason, list, nextOrdinal));
            }
            return PartitionMapHistory.of(table, maps);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an encoded partition-map history (" + encoded.length + " bytes)", e);
        }
    }

    private static void writeKey(DataOutputStream out, Key key) throws IOException {
        out.writeBoolean(key != null);
        if (key != null) {
            out.writeUTF(key.text());
        }
    }

    private static Key readKey(DataInputStream in, KeyType type) throws IOException {
        return in.readBoolean() ? type.parse(in.readUTF()) : null;
    }
}
