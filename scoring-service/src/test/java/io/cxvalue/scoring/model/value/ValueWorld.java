package io.cxvalue.scoring.model.value;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A simulated customer base with planted effects of contact experiences on buying again and on spend, for testing
 * the value-driver analysis: every customer's contacts, survey answers and purchases as they happened, the features
 * computed from them here (independently of the service's query), the true retention log-odds, and the outcome drawn
 * from it.
 *
 * <p>Confounding is built in: customers who bought more contact more (so have more experiences) and are more likely
 * to buy again; technical contacts go unresolved more often; unresolved contacts draw negative sentiment and low
 * CSAT more often.
 */
public final class ValueWorld {

    /** Planted effects on the log-odds of buying again. TRANSFERRED has none. */
    public static final Map<Experience, Double> RETENTION_LOG_ODDS = new EnumMap<>(Map.of(
            Experience.UNRESOLVED, -0.7, Experience.REPEAT_CONTACT, -0.45, Experience.TRANSFERRED, 0.0,
            Experience.LONG_WAIT, -0.35, Experience.ABANDONED, -0.5, Experience.NEGATIVE_SENTIMENT, -0.4,
            Experience.LOW_CSAT, -0.6));
    /** Planted effects on the next period's spend of those who buy again. */
    public static final Map<Experience, Double> SPEND_EFFECT = new EnumMap<>(Map.of(
            Experience.UNRESOLVED, -10.0, Experience.LOW_CSAT, -6.0));
    static final double INTERCEPT = -1.2;
    static final double TENURE = 0.3;
    static final double PRIOR_SPEND = 0.25;
    static final double PERIOD_CONTACTS = 0.15;
    static final double CHAT = 0.2;
    static final double DELIVERY = -0.25;
    static final Duration REPEAT_WINDOW = Duration.ofDays(7);
    static final int LONG_WAIT_SECONDS = 180;
    static final double NEGATIVE_BELOW = -0.3;
    static final int LOW_CSAT_AT_MOST = 2;
    private static final String[] CHANNELS = {"VOICE", "CHAT", "EMAIL"};
    private static final double[] CHANNEL_SHARE = {0.6, 0.3, 0.1};
    private static final String[] REASONS = {"billing", "delivery", "technical", "account"};
    private static final double[] REASON_SHARE = {0.4, 0.3, 0.2, 0.1};

    /** A contact as it happened; csat is the answer about it, null when none. */
    public record Contact(String interactionId, Instant startedAt, String channel, String reason, boolean abandoned,
            Boolean resolved, int transfers, int queueSeconds, double sentiment, Integer csat) {
    }

    /** A purchase. */
    public record Purchase(String transactionId, Instant at, double amount) {
    }

    /**
     * A customer.
     *
     * @param period the features and outcome as the analysis should read them (clv: null, set by the caller)
     * @param eta    the true log-odds of buying again
     */
    public record Customer(String id, List<Contact> contacts, List<Purchase> purchases, CustomerPeriod period,
            double eta) {

        /** The true change in the probability of buying again the experience made for this customer. */
        public double trueChange(Experience e) {
            double beta = RETENTION_LOG_ODDS.get(e);
            return sigmoid(eta) - sigmoid(eta - beta);
        }
    }

    public final Instant priorFrom;
    public final Instant experienceFrom;
    public final Instant outcomeFrom;
    public final Instant outcomeTo;
    public final Instant spendFrom;
    public final List<Customer> customers;

    private ValueWorld(Instant priorFrom, Instant experienceFrom, Instant outcomeFrom, Instant outcomeTo,
            Instant spendFrom, List<Customer> customers) {
        this.priorFrom = priorFrom;
        this.experienceFrom = experienceFrom;
        this.outcomeFrom = outcomeFrom;
        this.outcomeTo = outcomeTo;
        this.spendFrom = spendFrom;
        this.customers = customers;
    }

    /** {@code n} customers whose next period of {@code months} months ends at the start of {@code asOf} (UTC). */
    public static ValueWorld simulate(int n, long seed, java.time.LocalDate asOf, int months, String idPrefix) {
        Instant outcomeTo = asOf.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant outcomeFrom = asOf.minusMonths(months).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant experienceFrom = asOf.minusMonths(2L * months).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant priorFrom = asOf.minusMonths(3L * months).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant spendFrom = asOf.minusMonths(2L * months).minusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        SplittableRandom random = new SplittableRandom(seed);
        List<Customer> customers = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            customers.add(customer(idPrefix + c, random, priorFrom, experienceFrom, outcomeFrom, outcomeTo,
                    spendFrom));
        }
        return new ValueWorld(priorFrom, experienceFrom, outcomeFrom, outcomeTo, spendFrom, customers);
    }

    private static Customer customer(String id, SplittableRandom random, Instant priorFrom, Instant experienceFrom,
            Instant outcomeFrom, Instant outcomeTo, Instant spendFrom) {
        List<Purchase> purchases = new ArrayList<>();
        // Whole minutes, so that what the store keeps compares exactly.
        long tenureMinutes = random.nextLong(1, 1100L * 24 * 60);
        Instant first = experienceFrom.minus(Duration.ofMinutes(tenureMinutes));
        purchases.add(new Purchase(id + "-p0", first, amount(20 + exponential(random, 30))));
        int more = poisson(random, 2.0);
        Instant from = first.isAfter(spendFrom) ? first : spendFrom;
        for (int k = 0; k < more; k++) {
            purchases.add(new Purchase(id + "-p" + (k + 1), between(random, from, experienceFrom),
                    amount(15 + exponential(random, 35))));
        }
        double priorSpend = purchases.stream().filter(p -> !p.at().isBefore(spendFrom) && p.at().isBefore(
                experienceFrom)).mapToDouble(Purchase::amount).sum();

        List<Contact> contacts = new ArrayList<>();
        int before = poisson(random, 0.6);
        for (int k = 0; k < before; k++) {
            contacts.add(contact(id + "-b" + k, between(random, priorFrom, experienceFrom), null, random));
        }
        int inPeriod = 1 + poisson(random, 0.4 + 0.15 * more);
        Instant lastStart = outcomeFrom.minus(Duration.ofDays(6));
        Contact firstInPeriod = contact(id + "-c0", between(random, experienceFrom, lastStart), null, random);
        contacts.add(firstInPeriod);
        for (int k = 1; k < inPeriod; k++) {
            boolean repeat = k == 1 && random.nextDouble() < 0.4;
            Instant at = repeat ? firstInPeriod.startedAt().plus(Duration.ofMinutes(random.nextLong(60, 5 * 1440)))
                    : between(random, experienceFrom, outcomeFrom);
            contacts.add(contact(id + "-c" + k, at, repeat ? firstInPeriod.reason() : null, random));
        }
        contacts.sort(Comparator.comparing(Contact::startedAt).thenComparing(Contact::interactionId));

        Map<Experience, String> experiences = experiences(contacts, experienceFrom);
        List<Contact> period = contacts.stream().filter(k -> !k.startedAt().isBefore(experienceFrom)).toList();
        String mainChannel = mode(period.stream().map(Contact::channel).toList());
        String mainReason = mode(period.stream().map(Contact::reason).toList());
        int priorContacts = contacts.size() - period.size();
        double tenureDays = tenureMinutes / 1440.0;
        double eta = INTERCEPT + TENURE * Math.log1p(tenureDays / 30.4375) + PRIOR_SPEND * Math.log1p(priorSpend)
                + PERIOD_CONTACTS * Math.log1p(period.size())
                + ("CHAT".equals(mainChannel) ? CHAT : 0) + ("delivery".equals(mainReason) ? DELIVERY : 0);
        for (Experience e : experiences.keySet()) {
            eta += RETENTION_LOG_ODDS.get(e);
        }
        boolean retained = random.nextDouble() < sigmoid(eta);
        double nextSpend = 0;
        if (retained) {
            double mean = 15 + 7 * Math.log1p(priorSpend);
            for (Experience e : experiences.keySet()) {
                mean += SPEND_EFFECT.getOrDefault(e, 0.0);
            }
            nextSpend = amount(Math.max(1.0, mean + random.nextGaussian() * (3 + 0.04 * priorSpend)));
            purchases.add(new Purchase(id + "-n", between(random, outcomeFrom, outcomeTo), nextSpend));
        }
        CustomerPeriod customerPeriod = new CustomerPeriod(id, experiences, mainChannel, mainReason, period.size(),
                priorContacts, tenureDays, amount(priorSpend), retained, nextSpend, null);
        return new Customer(id, List.copyOf(contacts), List.copyOf(purchases), customerPeriod, eta);
    }

    private static Contact contact(String id, Instant at, String reason, SplittableRandom random) {
        String channel = pick(CHANNELS, CHANNEL_SHARE, random);
        String r = reason != null ? reason : pick(REASONS, REASON_SHARE, random);
        boolean abandoned = random.nextDouble() < 0.08;
        boolean longWait = random.nextDouble() < 0.18;
        int queue = longWait ? (int) random.nextLong(200, 900) : (int) random.nextLong(5, 150);
        if (abandoned) {
            return new Contact(id, at, channel, r, true, null, 0, queue, 0.0, null);
        }
        boolean unresolved = random.nextDouble() < 0.2 + ("technical".equals(r) ? 0.15 : 0);
        int transfers = random.nextDouble() < 0.15 ? 1 : 0;
        boolean negative = random.nextDouble() < 0.12 + (unresolved ? 0.2 : 0);
        double sentiment = negative ? -0.6 + 0.2 * random.nextDouble() : -0.2 + 0.8 * random.nextDouble();
        Integer csat = null;
        if (random.nextDouble() < 0.3) {
            boolean low = random.nextDouble() < 0.2 + (unresolved ? 0.35 : 0);
            csat = low ? (int) random.nextLong(1, 3) : (int) random.nextLong(3, 6);
        }
        return new Contact(id, at, channel, r, false, !unresolved, transfers, queue,
                Math.round(sentiment * 100) / 100.0, csat);
    }

    /** Each experience of the period's contacts, with the reason of the first contact that had it. */
    static Map<Experience, String> experiences(List<Contact> sorted, Instant experienceFrom) {
        Map<Experience, String> result = new EnumMap<>(Experience.class);
        Map<String, Instant> lastByReason = new TreeMap<>();
        for (Contact c : sorted) {
            Instant previous = lastByReason.put(c.reason(), c.startedAt());
            if (c.startedAt().isBefore(experienceFrom)) {
                continue;
            }
            if (previous != null && Duration.between(previous, c.startedAt()).compareTo(REPEAT_WINDOW) <= 0) {
                result.putIfAbsent(Experience.REPEAT_CONTACT, c.reason());
            }
            if (Boolean.FALSE.equals(c.resolved())) {
                result.putIfAbsent(Experience.UNRESOLVED, c.reason());
            }
            if (c.transfers() > 0) {
                result.putIfAbsent(Experience.TRANSFERRED, c.reason());
            }
            if (c.queueSeconds() >= LONG_WAIT_SECONDS) {
                result.putIfAbsent(Experience.LONG_WAIT, c.reason());
            }
            if (c.abandoned()) {
                result.putIfAbsent(Experience.ABANDONED, c.reason());
            }
            if (!c.abandoned() && c.sentiment() < NEGATIVE_BELOW) {
                result.putIfAbsent(Experience.NEGATIVE_SENTIMENT, c.reason());
            }
            if (c.csat() != null && c.csat() <= LOW_CSAT_AT_MOST) {
                result.putIfAbsent(Experience.LOW_CSAT, c.reason());
            }
        }
        return result;
    }

    /** The most frequent value; ties to the smallest (as PostgreSQL's mode() over an ordered input). */
    private static String mode(List<String> values) {
        Map<String, Integer> counts = new TreeMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        String best = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (best == null || e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    private static String pick(String[] values, double[] shares, SplittableRandom random) {
        double u = random.nextDouble();
        for (int i = 0; i < values.length - 1; i++) {
            u -= shares[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static Instant between(SplittableRandom random, Instant from, Instant to) {
        long minutes = Duration.between(from, to).toMinutes();
        return from.plus(Duration.ofMinutes(random.nextLong(0, Math.max(1, minutes))));
    }

    private static int poisson(SplittableRandom random, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = random.nextDouble();
        while (p > l) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }

    private static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static double amount(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static double sigmoid(double eta) {
        return 1 / (1 + Math.exp(-eta));
    }
}
