package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.Tally;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The BSON shape of a rollup cell: {@code k} the cell's dimension values (in the view's order), {@code t} the non-zero
 * tallies, {@code o} the open issues ([closing epoch second, six sums]), {@code m} money per currency, {@code q}
 * quality per criterion, {@code h} the serialized quantile sketches. Cells are stored as array elements, so no
 * dimension value (a contact reason may hold any character) ever becomes a field name.
 */
final class RollupDocuments {

    private RollupDocuments() {
    }

    static Document toDocument(List<String> key, KpiCell cell) {
        Document tallies = new Document();
        for (Tally tally : Tally.values()) {
            double value = cell.get(tally);
            if (value != 0) {
                tallies.append(tally.key(), value);
            }
        }
        Document d = new Document("k", key).append("t", tallies);
        if (!cell.openIssues().isEmpty()) {
            List<List<Double>> open = new ArrayList<>();
            cell.openIssues().forEach((closesAt, sums) -> {
                List<Double> row = new ArrayList<>();
                row.add(closesAt.doubleValue());
                for (double s : sums) {
                    row.add(s);
                }
                open.add(row);
            });
            d.append("o", open);
        }
        if (!cell.money().isEmpty()) {
            Document money = new Document();
            cell.money().forEach((currency, sums) -> money.append(currency, List.of(sums[0], sums[1])));
            d.append("m", money);
        }
        if (!cell.criteria().isEmpty()) {
            List<Document> criteria = new ArrayList<>();
            cell.criteria().forEach((name, sums) -> criteria.add(new Document("c", name)
                    .append("v", List.of(sums[0], sums[1], sums[2]))));
            d.append("q", criteria);
        }
        Document sketches = new Document();
        for (KpiCell.TimePart part : KpiCell.TimePart.values()) {
            byte[] bytes = cell.sketchBytes(part);
            if (bytes != null) {
                sketches.append(part.key(), new Binary(bytes));
            }
        }
        if (!sketches.isEmpty()) {
            d.append("h", sketches);
        }
        return d;
    }

    /** The cell's dimension values. */
    static List<String> key(Document cell) {
        return cell.getList("k", String.class);
    }

    /** Adds the stored cell into {@code into}. */
    static void addInto(KpiCell into, Document cell, boolean withSketches) {
        Document tallies = cell.get("t", Document.class);
        for (Map.Entry<String, Object> e : tallies.entrySet()) {
            into.add(Tally.valueOf(e.getKey().toUpperCase(java.util.Locale.ROOT)), ((Number) e.getValue()).doubleValue());
        }
        for (List<?> row : listOrEmpty(cell, "o")) {
            double[] sums = into.openIssues().computeIfAbsent(((Number) row.get(0)).longValue(), k -> new double[6]);
            for (int i = 0; i < sums.length; i++) {
                sums[i] += ((Number) row.get(i + 1)).doubleValue();
            }
        }
        Document money = cell.get("m", Document.class);
        if (money != null) {
            money.forEach((currency, value) -> {
                List<?> sums = (List<?>) value;
                double[] into2 = into.money().computeIfAbsent(currency, k -> new double[2]);
                into2[0] += ((Number) sums.get(0)).doubleValue();
                into2[1] += ((Number) sums.get(1)).doubleValue();
            });
        }
        for (Document criterion : cell.getList("q", Document.class, List.of())) {
            List<?> v = criterion.getList("v", Object.class);
            double[] sums = into.criteria().computeIfAbsent(criterion.getString("c"), k -> new double[3]);
            for (int i = 0; i < 3; i++) {
                sums[i] += ((Number) v.get(i)).doubleValue();
            }
        }
        Document sketches = cell.get("h", Document.class);
        if (withSketches && sketches != null) {
            for (KpiCell.TimePart part : KpiCell.TimePart.values()) {
                Binary bytes = sketches.get(part.key(), Binary.class);
                if (bytes != null) {
                    into.putSketch(part, bytes.getData());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<?>> listOrEmpty(Document d, String field) {
        Object value = d.get(field);
        return value == null ? List.of() : (List<List<?>>) value;
    }
}
