package io.cxvalue.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A small contact centre simulated with planted effects, and its KPIs computed here, from the events alone, by the
 * definitions of docs/ARCHITECTURE.md (not by the product's code): two teams of three agents over one calendar month
 * whose repeat windows have all closed, customers who call back about the same reason within the repeat window (or
 * not), abandoned calls on both sides of the service-level threshold, transfers, late survey answers, quality
 * evaluations, sales and cancellations of some of them. Team A is planted better than team B (shorter queues, fewer
 * transfers, happier customers), so a mix-up of teams shows.
 */
final class SimulatedCentre {

    static final int SERVICE_LEVEL_SECONDS = 20;
    static final Duration REPEAT_WINDOW = Duration.ofDays(7);
    static final String[] REASONS = {"billing", "outage", "upgrade"};
    static final String[] CHANNELS = {"VOICE", "CHAT", "EMAIL"};

    /** A contact as sent, with what was sent about it. */
    static final class Contact {
        final String externalId = "sim-" + UUID.randomUUID();
        String customerId;
        String team;
        String agent;
        String channel;
        String reason;
        Instant startedAt;
        Integer queueSeconds;
        boolean abandoned;
        int talk;
        int hold;
        int afterWork;
        int transfers;
        boolean resolved;
        boolean saleOffered;
        boolean saleAccepted;
        int saleCents;
        boolean saleCancelled;
        int[] survey; // csat, nps, ces, felt valued; null when none
        Integer quality;
        String interactionId; // ingestion's id, once posted

        java.math.BigDecimal saleAmount() {
            return java.math.BigDecimal.valueOf(saleCents, 2);
        }

        int handleSeconds() {
            return talk + hold + afterWork;
        }
    }

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String teamA = "sim-" + run + "-a";
    final String teamB = "sim-" + run + "-b";
    final YearMonth month;
    final List<Contact> contacts = new ArrayList<>();

    SimulatedCentre(long seed, YearMonth month, int customers) {
        this.month = month;
        Random random = new Random(seed);
        Instant first = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long monthSeconds = Duration.between(first, month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant()).toSeconds();
        for (int c = 0; c < customers; c++) {
            String customer = "sim-" + run + "-c" + c;
            String reason = REASONS[random.nextInt(REASONS.length)];
            // The first contact in the first two thirds of the month, so callbacks stay inside it.
            Instant at = first.plusSeconds((long) (random.nextDouble() * monthSeconds * 2 / 3));
            int calls = 1 + random.nextInt(3);
            for (int k = 0; k < calls; k++) {
                contacts.add(contact(random, customer, reason, at));
                // A callback within the window (same issue), or after it, or about something else.
                double next = random.nextDouble();
                if (next < 0.5) {
                    at = at.plusSeconds(3_600 + random.nextInt(6 * 86_400));
                } else {
                    at = at.plusSeconds(8 * 86_400 + random.nextInt(86_400));
                    if (next < 0.7) {
                        reason = REASONS[random.nextInt(REASONS.length)];
                    }
                }
                if (!at.isBefore(first.plusSeconds(monthSeconds))) {
                    break;
                }
            }
        }
        contacts.sort(Comparator.comparing(c -> c.startedAt));
    }

    private Contact contact(Random random, String customer, String reason, Instant at) {
        Contact c = new Contact();
        boolean a = random.nextBoolean();
        c.customerId = customer;
        c.team = a ? teamA : teamB;
        c.agent = (a ? "sim-a" : "sim-b") + random.nextInt(3);
        c.channel = CHANNELS[random.nextInt(CHANNELS.length)];
        c.reason = reason;
        c.startedAt = at;
        c.queueSeconds = c.channel.equals("EMAIL") ? null : random.nextInt(a ? 30 : 60);
        c.abandoned = random.nextDouble() < (a ? 0.05 : 0.15);
        if (!c.abandoned) {
            c.talk = 60 + random.nextInt(600);
            c.hold = random.nextInt(90);
            c.afterWork = random.nextInt(120);
            c.transfers = random.nextDouble() < (a ? 0.1 : 0.3) ? 1 + random.nextInt(2) : 0;
            c.resolved = random.nextDouble() < 0.7;
            c.saleOffered = random.nextDouble() < 0.3;
            c.saleAccepted = c.saleOffered && random.nextBoolean();
            c.saleCents = c.saleAccepted ? 1_000 + random.nextInt(9_000) : 0;
            c.saleCancelled = c.saleAccepted && random.nextDouble() < 0.3;
            if (random.nextDouble() < 0.5) {
                int csat = a ? 3 + random.nextInt(3) : 1 + random.nextInt(5);
                c.survey = new int[] {csat, random.nextInt(11), 1 + random.nextInt(7), 1 + random.nextInt(5)};
            }
            if (random.nextDouble() < 0.4) {
                c.quality = 40 + random.nextInt(61);
            }
        }
        return c;
    }

    /** The month's figures per team, as {@code measure -> {value, base}} (base NaN for a plain count). */
    Map<String, Map<String, double[]>> expectedByTeam() {
        Map<String, Map<String, double[]>> out = new TreeMap<>();
        for (String team : List.of(teamA, teamB)) {
            out.put(team, expected(team));
        }
        return out;
    }

    private Map<String, double[]> expected(String team) {
        List<Contact> mine = contacts.stream().filter(c -> c.team.equals(team)).toList();
        List<Contact> handled = mine.stream().filter(c -> !c.abandoned).toList();
        long abandoned = mine.size() - handled.size();
        Map<String, double[]> e = new LinkedHashMap<>();
        e.put("contacts_offered", count(mine.size()));
        e.put("contacts_handled", count(handled.size()));
        e.put("contacts_abandoned", count(abandoned));
        e.put("abandonment_rate", ratio(abandoned, mine.size()));
        long slBase = 0;
        long slAnswered = 0;
        for (Contact c : mine) {
            if (c.queueSeconds == null) {
                continue;
            }
            boolean inTime = c.queueSeconds <= SERVICE_LEVEL_SECONDS;
            if (!c.abandoned) {
                slBase++;
                slAnswered += inTime ? 1 : 0;
            } else if (!inTime) {
                slBase++;
            }
        }
        e.put("service_level", ratio(slAnswered, slBase));
        e.put("aht", ratio(handled.stream().mapToDouble(Contact::handleSeconds).sum(), handled.size()));
        e.put("transfers_per_contact", ratio(handled.stream().mapToDouble(c -> c.transfers).sum(), handled.size()));

        // Issues: each customer's handled contacts by reason, chained while the next starts within the window of
        // the previous one's start; an issue counts where the contact that opened it was handled.
        long issues = 0;
        long single = 0;
        long touchpoints = 0;
        long repeats = 0;
        Map<String, List<Contact>> byCustomerReason = new LinkedHashMap<>();
        for (Contact c : contacts) {
            if (!c.abandoned) {
                byCustomerReason.computeIfAbsent(c.customerId + "|" + c.reason, k -> new ArrayList<>()).add(c);
            }
        }
        for (List<Contact> list : byCustomerReason.values()) {
            list.sort(Comparator.comparing(c -> c.startedAt));
            List<List<Contact>> chains = new ArrayList<>();
            for (Contact c : list) {
                List<Contact> last = chains.isEmpty() ? null : chains.get(chains.size() - 1);
                if (last != null && !c.startedAt.isAfter(last.get(last.size() - 1).startedAt.plus(REPEAT_WINDOW))) {
                    last.add(c);
                } else {
                    chains.add(new ArrayList<>(List.of(c)));
                }
            }
            for (List<Contact> chain : chains) {
                if (chain.get(0).team.equals(team)) {
                    issues++;
                    single += chain.size() == 1 ? 1 : 0;
                    touchpoints += chain.size();
                }
                repeats += chain.subList(1, chain.size()).stream().filter(c -> c.team.equals(team)).count();
            }
        }
        e.put("fcr_rate", ratio(single, issues));
        e.put("issues_closed", count(issues));
        e.put("issues_open", count(0));
        e.put("repeat_contact_rate", ratio(repeats, handled.size()));
        e.put("touchpoints_per_issue", ratio(touchpoints, issues));

        List<int[]> surveys = handled.stream().filter(c -> c.survey != null).map(c -> c.survey).toList();
        e.put("csat", ratio(surveys.stream().filter(s -> s[0] >= 4).count(), surveys.size()));
        e.put("csat_mean", ratio(surveys.stream().mapToDouble(s -> s[0]).sum(), surveys.size()));
        long promoters = surveys.stream().filter(s -> s[1] >= 9).count();
        long detractors = surveys.stream().filter(s -> s[1] <= 6).count();
        e.put("nps", new double[] {surveys.isEmpty() ? Double.NaN : 100.0 * (promoters - detractors) / surveys.size(),
                surveys.size()});
        e.put("ces", ratio(surveys.stream().mapToDouble(s -> s[2]).sum(), surveys.size()));
        e.put("felt_valued", ratio(surveys.stream().filter(s -> s[3] >= 4).count(), surveys.size()));
        List<Contact> evaluated = handled.stream().filter(c -> c.quality != null).toList();
        e.put("quality_score", ratio(evaluated.stream().mapToDouble(c -> c.quality).sum(), evaluated.size()));

        long offered = handled.stream().filter(c -> c.saleOffered).count();
        List<Contact> accepted = handled.stream().filter(c -> c.saleAccepted).toList();
        List<Contact> cancelled = accepted.stream().filter(c -> c.saleCancelled).toList();
        e.put("sales_offered", count(offered));
        e.put("sales_accepted", count(accepted.size()));
        e.put("sales_conversion", ratio(accepted.size(), offered));
        e.put("sales_revenue", new double[] {accepted.stream().mapToInt(c -> c.saleCents).sum() / 100.0,
                accepted.size()});
        e.put("sales_cancelled", new double[] {cancelled.size(), accepted.size()});
        e.put("cancelled_revenue", new double[] {cancelled.stream().mapToInt(c -> c.saleCents).sum() / 100.0,
                cancelled.size()});
        return e;
    }

    private static double[] count(double n) {
        return new double[] {n, Double.NaN};
    }

    /** {value, base}; the value NaN when the base is zero. */
    private static double[] ratio(double numerator, double base) {
        return new double[] {base == 0 ? Double.NaN : numerator / base, base};
    }
}
