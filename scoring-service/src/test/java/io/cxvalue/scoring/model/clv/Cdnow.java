package io.cxvalue.scoring.model.clv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the CDNOW sample from the test classpath (src/test/resources/cdnow, see its README.md). */
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

    /** The lines of one CDNOW file, read from the test classpath ({@code /cdnow/NAME}). */
    static List<String> lines(String name) {
        String resource = "/cdnow/" + name;
        InputStream in = Cdnow.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("CDNOW data not found on the test classpath: " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> summaryFile() {
        List<String> lines = lines("cdnow_customers_summary_with_transactions.csv");
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
    }

    /** The raw log by sample id (1..2357), in file order: master id, sample id, yyyymmdd, CDs, dollars. */
    static Map<Integer, List<Transaction>> transactionLog() {
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        Map<Integer, List<Transaction>> log = new LinkedHashMap<>();
        for (String line : lines("CDNOW_sample.txt")) {
            if (line.isBlank()) {
                continue;
            }
            String[] t = line.strip().split("\\s+");
            log.computeIfAbsent(Integer.parseInt(t[1]), k -> new ArrayList<>())
                    .add(Transaction.purchase(LocalDate.parse(t[2], f), Double.parseDouble(t[4])));
        }
        return log;
    }
}
