package io.cxvalue.scoring.model.clv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the CDNOW sample from ../shared/data/cdnow (found through CX_REPO_ROOT, which Surefire sets). */
final class Cdnow {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    /** Week 78 ends on 1998-06-30 (39 weeks of calibration, 39 of holdout, as published). */
    static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

    /** One row of cdnow_customers_summary_with_transactions.csv (ID,x,t_x,T,zbar; t_x, T, zbar to 2 decimals). */
    record Row(int id, int x, double tx, double T, double zbar) {
        CustomerSummary summary() {
            return new CustomerSummary(x, tx, T, zbar);
        }
    }

    private Cdnow() {
    }

    static Path dir() {
        String root = System.getenv("CX_REPO_ROOT");
        Path base = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        Path dir = base.resolve("../shared/data/cdnow").normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("CDNOW data not found at " + dir + " (CX_REPO_ROOT=" + root + ")");
        }
        return dir;
    }

    static List<Row> summaryFile() {
        try {
            List<String> lines = Files.readAllLines(dir().resolve("cdnow_customers_summary_with_transactions.csv"));
            if (!lines.get(0).strip().equals("ID,x,t_x,T,zbar")) {
                throw new IllegalStateException("unexpected header: " + lines.get(0));
            }
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.strip().split(",");
                rows.add(new Row(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw log by sample id (1..2357), in file order: master id, sample id, yyyymmdd, CDs, dollars. */
    static Map<Integer, List<Transaction>> transactionLog() {
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        Map<Integer, List<Transaction>> log = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir().resolve("CDNOW_sample.txt"))) {
                if (line.isBlank()) {
                    continue;
                }
                String[] t = line.strip().split("\\s+");
                log.computeIfAbsent(Integer.parseInt(t[1]), k -> new ArrayList<>())
                        .add(Transaction.purchase(LocalDate.parse(t[2], f), Double.parseDouble(t[4])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log;
    }
}
