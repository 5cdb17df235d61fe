package io.cxvalue.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Valid, unique interaction records for one benchmark run. Record {@code i} of phase {@code p} has externalId
 * {@code <runId>-<p>-<i>} (zero-padded), source {@value #SOURCE}, and one of {@code customers} customer ids that are
 * also unique to the run ({@code bench-<runId>-c<n>}), so a rerun never collides with data of an earlier run and every
 * run does the same work. Everything is a pure function of (runId, phase, index): two generators with the same
 * arguments produce the same bytes.
 */
public final class InteractionGenerator {

    public static final String SOURCE = "bench";

    /** The CSV header: field paths as the import endpoint reads them. */
    public static final List<String> CSV_COLUMNS = List.of("source", "externalId", "customerId", "channel",
            "direction", "startedAt", "queueSeconds", "talkSeconds", "holdSeconds", "afterWorkSeconds", "abandoned",
            "agentId", "teamId", "departmentId", "contactReason", "transfers", "resolved", "sentiment");

    private static final String[] CHANNELS = {"VOICE", "VOICE", "VOICE", "CHAT", "EMAIL"};
    private static final String[] DIRECTIONS = {"INBOUND", "INBOUND", "OUTBOUND"};
    private static final String[] REASONS = {"billing", "technical", "cancellation", "sales", "moving"};
    private static final String[] TEAMS = {"team-a", "team-b", "team-c", "team-d"};

    private final String runId;
    private final int customers;
    private final Instant base;
    private final String[] teams;
    /** Records go back in time from base over this many seconds. */
    private final long spanSeconds;

    /**
     * @param runId     unique per run, e.g. {@link #newRunId()}
     * @param customers how many distinct customers the records are spread over
     * @param base      startedAt of record 0 (records go back in time from it, one second each, wrapping daily)
     */
    public InteractionGenerator(String runId, int customers, Instant base) {
        if (runId == null || !runId.matches("[A-Za-z0-9_.-]{1,60}")) {
            throw new IllegalArgumentException("run id must be 1-60 characters of [A-Za-z0-9_.-]: " + runId);
        }
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be positive");
        }
        this.runId = runId;
        this.customers = customers;
        this.base = base.truncatedTo(ChronoUnit.SECONDS);
        this.teams = TEAMS;
        this.spanSeconds = 86_400;
    }

    private InteractionGenerator(InteractionGenerator from, String[] teams, long spanSeconds) {
        this.runId = from.runId;
        this.customers = from.customers;
        this.base = from.base;
        this.teams = teams;
        this.spanSeconds = spanSeconds;
    }

    /**
     * This generator with the records spread over {@code teams} teams and the {@code days} days before its base (a
     * backfill of history at a centre's density, rather than four teams' day).
     */
    public InteractionGenerator withLayout(int teams, int days) {
        if (teams < 1 || days < 1) {
            throw new IllegalArgumentException("teams and days must be positive");
        }
        String[] names = new String[teams];
        for (int t = 0; t < teams; t++) {
            names[t] = String.format(java.util.Locale.ROOT, "team-%02d", t + 1);
        }
        return new InteractionGenerator(this, names, days * 86_400L);
    }

    /** A generator whose records started in the last day before now minus one hour. */
    public static InteractionGenerator forRun(String runId, int customers) {
        return new InteractionGenerator(runId, customers, Instant.now().minus(1, ChronoUnit.HOURS));
    }

    /** A short unique run id: UTC time to the second plus 6 random hex digits, e.g. 20261123T120700-3fa2c1. */
    public static String newRunId() {
        String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("-", "").replace(":", "")
                .replace("Z", "");
        return time + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    public String runId() {
        return runId;
    }

    /** The externalId prefix of every record of a phase of this run. */
    public String prefix(String phase) {
        return runId + "-" + phase + "-";
    }

    public String externalId(String phase, long index) {
        return prefix(phase) + String.format("%09d", index);
    }

    public String customerId(long index) {
        return "bench-" + runId + "-c" + (index % customers);
    }

    /** One record as a JSON object (no line break). */
    public String json(String phase, long index) {
        int i = (int) (index % 1_000_003);
        StringBuilder b = new StringBuilder(512);
        b.append("{\"source\":\"").append(SOURCE)
                .append("\",\"externalId\":\"").append(externalId(phase, index))
                .append("\",\"customerId\":\"").append(customerId(index))
                .append("\",\"channel\":\"").append(channel(i))
                .append("\",\"direction\":\"").append(direction(i))
                .append("\",\"startedAt\":\"").append(startedAt(index))
                .append("\",\"queueSeconds\":").append(queueSeconds(i))
                .append(",\"talkSeconds\":").append(talkSeconds(i))
                .append(",\"holdSeconds\":").append(holdSeconds(i))
                .append(",\"afterWorkSeconds\":").append(afterWorkSeconds(i))
                .append(",\"abandoned\":false")
                .append(",\"agentId\":\"agent-").append(i % 200)
                .append("\",\"teamId\":\"").append(team(i))
                .append("\",\"departmentId\":\"care")
                .append("\",\"contactReason\":\"").append(reason(i))
                .append("\",\"transfers\":").append(transfers(i))
                .append(",\"resolved\":").append(resolved(i))
                .append(",\"sentiment\":").append(sentiment(i))
                .append('}');
        return b.toString();
    }

    /** Records [from, to) of a phase as a JSON array, UTF-8: one batch request body. */
    public byte[] jsonArray(String phase, long from, long to) {
        StringBuilder b = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, (to - from) * 480 + 2));
        b.append('[');
        for (long i = from; i < to; i++) {
            if (i > from) {
                b.append(',');
            }
            b.append(json(phase, i));
        }
        b.append(']');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes records [0, count) of a phase as NDJSON; returns the file size. */
    public long writeNdjson(String phase, long count, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < count; i++) {
                out.write(json(phase, i));
                out.write('\n');
            }
        }
        return Files.size(file);
    }

    /** Writes records [0, count) of a phase as CSV with a header row of {@link #CSV_COLUMNS}; returns the size. */
    public long writeCsv(String phase, long count, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", CSV_COLUMNS));
            out.write("\r\n");
            for (long i = 0; i < count; i++) {
                writeCsvRow(phase, i, out);
            }
        }
        return Files.size(file);
    }

    void writeCsvRow(String phase, long index, Writer out) throws IOException {
        int i = (int) (index % 1_000_003);
        // No value contains a comma, quote or line break, so no cell needs quoting.
        String[] cells = {SOURCE, externalId(phase, index), customerId(index), channel(i), direction(i),
                startedAt(index).toString(), String.valueOf(queueSeconds(i)), String.valueOf(talkSeconds(i)),
                String.valueOf(holdSeconds(i)), String.valueOf(afterWorkSeconds(i)), "false", "agent-" + (i % 200),
                team(i), "care", reason(i), String.valueOf(transfers(i)), String.valueOf(resolved(i)),
                String.valueOf(sentiment(i))};
        out.write(String.join(",", cells));
        out.write("\r\n");
    }

    /**
     * A stand-in for the InteractionRecorded event ingestion publishes for a record: the record's JSON plus the fields
     * the event adds, padded with spaces to {@code size} bytes when shorter. Used as Kafka baseline payload.
     */
    public String eventLike(long index, int size) {
        String json = json("payload", index);
        String event = "{\"interactionId\":\"" + UUID.nameUUIDFromBytes(json.getBytes(StandardCharsets.UTF_8))
                + "\"," + json.substring(1, json.length() - 1)
                + ",\"sale\":null,\"campaign\":null,\"experiment\":null}";
        if (event.length() >= size) {
            return event;
        }
        return event.substring(0, event.length() - 1) + " ".repeat(size - event.length()) + "}";
    }

    private Instant startedAt(long index) {
        // A stride coprime to the span spreads consecutive records over it (one second apart when it is a day).
        long stride = spanSeconds == 86_400 ? 1 : 7_919;
        return base.minusSeconds(Math.floorMod(index * stride, spanSeconds));
    }

    private static String channel(int i) {
        return CHANNELS[i % CHANNELS.length];
    }

    private static String direction(int i) {
        return DIRECTIONS[i % DIRECTIONS.length];
    }

    private static String reason(int i) {
        return REASONS[(i / 7) % REASONS.length];
    }

    private String team(int i) {
        return teams[(i / 3) % teams.length];
    }

    private static int queueSeconds(int i) {
        return i % 180;
    }

    private static int talkSeconds(int i) {
        return 30 + (i * 37) % 900;
    }

    private static int holdSeconds(int i) {
        return (i * 13) % 120;
    }

    private static int afterWorkSeconds(int i) {
        return 10 + (i * 7) % 90;
    }

    private static int transfers(int i) {
        return i % 10 == 0 ? 1 : 0;
    }

    private static boolean resolved(int i) {
        return i % 4 != 0;
    }

    private static String sentiment(int i) {
        return String.valueOf(((i * 29) % 201 - 100) / 100.0);
    }
}
