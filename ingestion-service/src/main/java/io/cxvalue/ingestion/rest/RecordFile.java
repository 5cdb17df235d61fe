package io.cxvalue.ingestion.rest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cxvalue.ingestion.ImportJob;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an import file one record at a time, never more than one record in memory.
 * <ul>
 * <li>NDJSON: one JSON object per line; blank lines are skipped; a line longer than the limit is returned as
 * overlong (and skipped to its end without being kept).</li>
 * <li>CSV (RFC 4180, first row the header): each column names a field by its path, e.g. {@code channel},
 * {@code sale.amount}, {@code customer.phone}, {@code identities.phones[0]}; empty cells are absent fields. Values
 * are text and read as the field's type (numbers, true/false, timestamps).</li>
 * </ul>
 */
final class RecordFile implements Closeable {

    /** One record of the file: its line and its JSON (text for NDJSON, a tree for CSV), or null when overlong. */
    record Row(long line, Object json) {
    }

    private static final Pattern INDEXED = Pattern.compile("^(.+)\\[(\\d{1,3})]$");

    private final ImportJob.Format format;
    private final BufferedReader reader;
    private final long maxLength;
    private final CountingReader counting;
    private MappingIterator<Map<String, String>> rows;
    private long line;

    private RecordFile(ImportJob.Format format, Path file, long maxLength) throws IOException {
        this.format = format;
        this.maxLength = maxLength;
        this.counting = new CountingReader(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        this.reader = new BufferedReader(counting, 64 * 1024);
        if (format == ImportJob.Format.CSV) {
            this.rows = new CsvMapper().readerFor(Map.class)
                    .with(CsvSchema.emptySchema().withHeader())
                    .readValues(reader);
        }
    }

    static RecordFile open(ImportJob.Format format, Path file, long maxLength) throws IOException {
        return new RecordFile(format, file, maxLength);
    }

    /** The next record, or null at the end of the file. */
    Row next() throws IOException {
        return format == ImportJob.Format.CSV ? nextCsv() : nextLine();
    }

    private Row nextLine() throws IOException {
        while (true) {
            StringBuilder text = new StringBuilder();
            boolean overlong = false;
            int c;
            while ((c = reader.read()) != -1 && c != '\n') {
                if (text.length() < maxLength) {
                    text.append((char) c);
                } else {
                    overlong = true;
                }
            }
            if (c == -1 && text.isEmpty() && !overlong) {
                return null;
            }
            line++;
            if (overlong) {
                return new Row(line, null);
            }
            String json = text.toString().strip();
            if (!json.isEmpty()) {
                return new Row(line, json);
            }
            if (c == -1) {
                return null;
            }
        }
    }

    private Row nextCsv() throws IOException {
        counting.restart();
        if (!rows.hasNextValue()) {
            return null;
        }
        // The parser now stands at the end of the previous row (or of the header, line 1), before its line break:
        // the row starts on the next line, even when quoted cells of earlier rows spanned several lines.
        long rowLine = rows.getParser().currentTokenLocation().getLineNr() + 1;
        Map<String, String> row = rows.nextValue();
        if (counting.count() > maxLength + 256 * 1024) {
            throw new IOException("A row before line " + rows.getCurrentLocation().getLineNr() + " is longer than "
                    + maxLength + " characters");
        }
        return new Row(rowLine, toTree(row));
    }

    /** A CSV row as the JSON object its column paths describe. */
    static ObjectNode toTree(Map<String, String> row) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        row.forEach((column, value) -> {
            if (value == null || value.isEmpty() || column.isBlank()) {
                return;
            }
            String[] path = column.strip().split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = node.has(path[i]) && node.get(path[i]).isObject() ? (ObjectNode) node.get(path[i])
                        : node.putObject(path[i]);
            }
            String last = path[path.length - 1];
            Matcher indexed = INDEXED.matcher(last);
            if (indexed.matches()) {
                var array = node.has(indexed.group(1)) && node.get(indexed.group(1)).isArray()
                        ? (com.fasterxml.jackson.databind.node.ArrayNode) node.get(indexed.group(1))
                        : node.putArray(indexed.group(1));
                array.add(value);
            } else {
                node.put(last, value);
            }
        });
        return root;
    }

    @Override
    public void close() throws IOException {
        if (rows != null) {
            rows.close();
        }
        reader.close();
    }

    /** Counts the characters read since the last reset: how long the CSV row just read was, roughly. */
    private static final class CountingReader extends FilterReader {

        private long count;

        CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c != -1) {
                count++;
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        void restart() {
            count = 0;
        }

        long count() {
            return count;
        }
    }
}
