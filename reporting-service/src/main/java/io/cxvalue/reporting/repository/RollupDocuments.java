package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.Tally;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.memory.Memory;
import org.bson.Document;
import org.bson.types.Binary;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The stored shape of a rollup cell: {@code k} the cell's dimension values (in the view's order) and {@code c} its
 * sums packed into one binary value. Packed, because the rollups are a derived store read and written whole by this
 * service only: a cell is a few hundred bytes instead of a few kilobytes of named fields, which is what a server
 * copies on every write of a day and what a query decodes per cell. No dimension value ever becomes a field name.
 * <p>
 * Layout (big-endian, {@link #FORMAT} first): a bit set of the non-zero tallies (by {@link Tally} ordinal) and their
 * values; the open issues (count, then closing epoch second and six sums each); money (count, then currency and two
 * sums); quality criteria (count, then name and three sums); the quantile sketches (a bit set of the parts present,
 * then each one's length and bytes).
 */
final class RollupDocuments {

    static final byte FORMAT = 1;

    private RollupDocuments() {
    }

    static Document toDocument(List<String> key, KpiCell cell) {
        return new Document("k", key).append("c", new Binary(pack(cell)));
    }

    /** The cell's dimension values. */
    static List<String> key(Document cell) {
        return cell.getList("k", String.class);
    }

    /**
     * The field a cell is stored under in its document: 16 hex digits of a SHA-256 of its dimension values. A
     * dimension value never becomes a field name (ids may hold dots or dollars); two cells of one day sharing a field
     * (about 1 in 10^13 for a thousand cells) is detected on read, as the stored cell carries its values.
     */
    static String field(List<String> key) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String value : key) {
                if (value == null) {
                    sha.update((byte) 0);
                } else {
                    sha.update((byte) 1);
                    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                    sha.update(bytes);
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The cell decoded whole, sketches included (to be changed and written back). */
    static KpiCell cellWithSketches(Document stored) {
        return unpack(packed(stored), true);
    }

    /** The cell's packed sums and sketches, as stored. */
    static byte[] packed(Document stored) {
        return stored.get("c", Binary.class).getData();
    }

    static byte[] pack(KpiCell cell) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            long present = 0;
            for (Tally t : Tally.values()) {
                if (cell.get(t) != 0) {
                    present |= 1L << t.ordinal();
                }
            }
            out.writeLong(present);
            for (Tally t : Tally.values()) {
                if ((present & (1L << t.ordinal())) != 0) {
                    out.writeDouble(cell.get(t));
                }
            }
            out.writeInt(cell.openIssues().size());
            for (Map.Entry<Long, double[]> open : cell.openIssues().entrySet()) {
                out.writeLong(open.getKey());
                writeDoubles(out, open.getValue());
            }
            out.writeInt(cell.money().size());
            for (Map.Entry<String, double[]> money : cell.money().entrySet()) {
                writeString(out, money.getKey());
                writeDoubles(out, money.getValue());
            }
            out.writeInt(cell.criteria().size());
            for (Map.Entry<String, double[]> criterion : cell.criteria().entrySet()) {
                writeString(out, criterion.getKey());
                writeDoubles(out, criterion.getValue());
            }
            int parts = 0;
            byte[][] sketches = new byte[KpiCell.TimePart.values().length][];
            for (KpiCell.TimePart part : KpiCell.TimePart.values()) {
                sketches[part.ordinal()] = cell.sketchBytes(part);
                if (sketches[part.ordinal()] != null) {
                    parts |= 1 << part.ordinal();
                }
            }
            out.writeByte(parts);
            for (byte[] sketch : sketches) {
                if (sketch != null) {
                    out.writeInt(sketch.length);
                    out.write(sketch);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KpiCell unpack(byte[] packed, boolean withSketches) {
        KpiCell cell = new KpiCell();
        addPacked(packed, cell, withSketches);
        return cell;
    }

    /** Adds a packed cell's sums, and its sketches when {@code withSketches}, to {@code cell}. */
    static void addPacked(byte[] packed, KpiCell cell, boolean withSketches) {
        ByteBuffer in = ByteBuffer.wrap(packed);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown rollup cell format " + format);
        }
        long present = in.getLong();
        for (Tally t : Tally.values()) {
            if ((present & (1L << t.ordinal())) != 0) {
                cell.add(t, in.getDouble());
            }
        }
        for (int i = in.getInt(); i > 0; i--) {
            long closesAt = in.getLong();
            readDoubles(in, cell.openIssues().computeIfAbsent(closesAt, k -> new double[KpiCell.ISSUE_FIELDS]));
        }
        for (int i = in.getInt(); i > 0; i--) {
            readDoubles(in, cell.money().computeIfAbsent(readUtf(in), k -> new double[KpiCell.MONEY_FIELDS]));
        }
        for (int i = in.getInt(); i > 0; i--) {
            readDoubles(in, cell.criteria().computeIfAbsent(readUtf(in), k -> new double[KpiCell.CRITERION_FIELDS]));
        }
        int parts = in.get();
        for (KpiCell.TimePart part : KpiCell.TimePart.values()) {
            if ((parts & (1 << part.ordinal())) != 0) {
                int length = in.getInt();
                if (withSketches) {
                    // Read in place (a view of the packed bytes), merged into the cell's own sketch.
                    cell.mergeSketch(part, KllFloatsSketch.wrap(Memory.wrap(packed, in.position(), length,
                            java.nio.ByteOrder.LITTLE_ENDIAN)));
                }
                in.position(in.position() + length);
            }
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    /** Adds the stored values to {@code into} (which may already hold sums of other cells). */
    private static void readDoubles(ByteBuffer in, double[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] += in.getDouble();
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readUtf(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
