package io.cxvalue.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The customers of a caller-card run and their history, as ingestion's batch APIs take them: a run-specific customer
 * id, a UK mobile number (national format) and an e-mail address (on a CRM profile for some customers, on the first
 * purchase for every one), purchases over the last two years (a BG/NBD-like buyer: a
 * random purchase rate, a first purchase, then exponential gaps until the customer drops out), some contacts in the
 * last 30 days and some survey answers. Everything is a pure function of (runId, seed, now, customer index), so two
 * generators with the same arguments produce the same records.
 *
 * <p>Phone numbers: each run gets its own block of 1,000,000 numbers in 07400 000000-07999 999999 (chosen from the
 * run id), so reruns do not collide; unknown callers are taken from 020 7946 0000-0999 (Ofcom's range for drama),
 * which the seed never uses.
 */
final class SeedData {

    static final String SOURCE = "cardbench";
    static final int MAX_CUSTOMERS = 1_000_000;
    private static final int DAYS = 730;
    private static final String[] REASONS = {"billing", "delivery", "refund", "technical", "account", "sales"};
    private static final String[] CHANNELS = {"VOICE", "VOICE", "VOICE", "CHAT", "EMAIL"};

    private final String runId;
    private final long seed;
    private final Instant now;
    private final long phoneBlock;

    SeedData(String runId, long seed, Instant now) {
        if (runId == null || !runId.matches("[A-Za-z0-9_.-]{1,60}")) {
            throw new IllegalArgumentException("run id must be 1-60 characters of [A-Za-z0-9_.-]: " + runId);
        }
        this.runId = runId;
        this.seed = seed;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        // 600 blocks of 1,000,000 numbers: 07400 000000 ... 07999 999999.
        this.phoneBlock = 400 + Math.floorMod(runId.hashCode() * 31L + seed, 600);
    }

    private SplittableRandom random(int customer, int stream) {
        return new SplittableRandom(seed * 1_000_003L + customer * 7L + stream);
    }

    /** The mobile number of customer i, national format, e.g. "07412 345678". */
    String phone(int i) {
        check(i);
        String digits = String.format("07%03d%06d", phoneBlock, i);
        return digits.substring(0, 5) + " " + digits.substring(5);
    }

    /** The same number in E.164, as ingestion and scoring store it. */
    String e164(int i) {
        check(i);
        return String.format("+447%03d%06d", phoneBlock, i);
    }

    /** An unknown London number, national format: "020 7946 0xyz". */
    static String unknownPhone(int k) {
        return String.format("020 7946 0%03d", Math.floorMod(k, 1000));
    }

    String email(int i) {
        check(i);
        return "cust-" + i + "." + runId.toLowerCase(java.util.Locale.ROOT) + "@cardbench.example";
    }

    /** The customer id of customer i, unique to the run: ingestion takes a named id and links the identities to it. */
    String customerId(int i) {
        check(i);
        return "cb-" + runId + "-" + i;
    }

    String profileExternalId(int i) {
        return runId + "-p-" + i;
    }

    /** The customer profile of customer i. */
    Map<String, Object> profile(int i) {
        check(i);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", SOURCE);
        p.put("externalId", profileExternalId(i));
        p.put("customerId", customerId(i));
        p.put("displayName", "Bench Customer " + i);
        p.put("attributes", Map.of("segment", i % 3 == 0 ? "business" : "consumer"));
        p.put("identities", Map.of("phones", List.of(phone(i)), "emails", List.of(email(i))));
        return p;
    }

    /**
     * The purchases of customer i over the last two years (at least one), oldest first. The first one also names
     * the customer's phone number and e-mail address: ingestion links them to the customer, as it does for a profile.
     */
    List<Map<String, Object>> transactions(int i) {
        String customerId = customerId(i);
        check(i);
        SplittableRandom r = random(i, 1);
        List<Map<String, Object>> out = new ArrayList<>();
        // Purchase rate per day: gamma-like spread (mean about one purchase per 90 days), drop-out probability p.
        double ratePerDay = -Math.log(1 - r.nextDouble()) * -Math.log(1 - r.nextDouble()) / 90.0 + 0.002;
        double dropOut = 0.05 + 0.4 * r.nextDouble();
        double meanSpend = 15 + 60 * r.nextDouble();
        double day = r.nextDouble() * DAYS;              // days ago of the first purchase
        int n = 0;
        while (day > 0 && n < 40) {
            double amount = Math.max(1, meanSpend * (0.5 + r.nextDouble()));
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("source", SOURCE);
            t.put("externalId", runId + "-t-" + i + "-" + n);
            t.put("customerId", customerId);
            if (n == 0) {
                t.put("customer", Map.of("phone", phone(i), "email", email(i)));
            }
            t.put("kind", "PURCHASE");
            t.put("amount", BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP));
            t.put("currency", "EUR");   // the currency ingestion is configured for (CX default)
            t.put("productId", "sku-" + r.nextInt(50));
            t.put("occurredAt", now.minusSeconds((long) (day * 86_400)).toString());
            out.add(t);
            n++;
            if (r.nextDouble() < dropOut) {
                break;
            }
            day -= -Math.log(1 - r.nextDouble()) / ratePerDay;
        }
        return out;
    }

    /** The contacts of customer i in the last 30 days: none for about 60 % of them, up to 4. */
    List<Map<String, Object>> interactions(int i) {
        String customerId = customerId(i);
        SplittableRandom r = random(i, 2);
        int count = r.nextDouble() < 0.6 ? 0 : 1 + r.nextInt(4);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("source", SOURCE);
            c.put("externalId", runId + "-i-" + i + "-" + n);
            c.put("customerId", customerId);
            c.put("channel", CHANNELS[r.nextInt(CHANNELS.length)]);
            c.put("direction", "INBOUND");
            c.put("startedAt", now.minusSeconds(60 + r.nextLong(30L * 86_400 - 60)).toString());
            c.put("queueSeconds", r.nextInt(300));
            c.put("talkSeconds", 30 + r.nextInt(900));
            c.put("holdSeconds", r.nextInt(120));
            c.put("afterWorkSeconds", r.nextInt(180));
            c.put("teamId", "team-" + (char) ('a' + r.nextInt(4)));
            c.put("agentId", "agent-" + r.nextInt(40));
            c.put("contactReason", REASONS[r.nextInt(REASONS.length)]);
            c.put("resolved", r.nextDouble() < 0.8);
            c.put("sentiment", BigDecimal.valueOf(r.nextDouble() * 2 - 1).setScale(2, RoundingMode.HALF_UP));
            out.add(c);
        }
        return out;
    }

    /** The survey answers of customer i: one for about 25 % of them. */
    List<Map<String, Object>> surveys(int i) {
        String customerId = customerId(i);
        SplittableRandom r = random(i, 3);
        if (r.nextDouble() >= 0.25) {
            return List.of();
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", SOURCE);
        s.put("externalId", runId + "-s-" + i);
        s.put("customerId", customerId);
        s.put("respondedAt", now.minusSeconds(3600 + r.nextLong(60L * 86_400)).toString());
        s.put("csat", 1 + r.nextInt(5));
        s.put("nps", r.nextInt(11));
        s.put("feltValued", 1 + r.nextInt(5));
        return List.of(s);
    }

    private static void check(int i) {
        if (i < 0 || i >= MAX_CUSTOMERS) {
            throw new IllegalArgumentException("customer index out of range: " + i);
        }
    }
}
