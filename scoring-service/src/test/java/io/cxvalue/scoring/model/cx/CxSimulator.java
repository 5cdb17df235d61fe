package io.cxvalue.scoring.model.cx;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Interactions drawn from a known logistic model of satisfaction, written on the same scale as the encoder's raw
 * columns (log1p durations, capped transfers, levels against the most frequent level), so the fitted effects can be
 * compared with the truth one for one.
 */
final class CxSimulator {

    static final double INTERCEPT = 3.4;
    /** True effect of each encoder column (raw scale), named as the encoder names them. */
    static final Map<String, Double> TRUTH = new LinkedHashMap<>();
    /** True log-odds contribution of a missing value, per numeric field. */
    static final Map<String, Double> MISSING = new LinkedHashMap<>();

    static final Channel[] CHANNELS = Channel.values(); // VOICE, CHAT, EMAIL, SOCIAL, WEB, SMS, IN_PERSON
    static final double[] CHANNEL_SHARE = {0.40, 0.20, 0.15, 0.05, 0.10, 0.05, 0.05};
    static final double[] CHANNEL_EFFECT = {0.0, 0.3, -0.4, -0.6, 0.0, 0.2, 0.5};
    static final int REASONS = 30;
    static final double[] REASON_EFFECT = new double[REASONS];
    static final double[] REASON_SHARE = new double[REASONS];
    static final double TAIL_REASON_EFFECT = -0.25;

    static {
        double[] head = {0.0, -0.5, 0.4, -0.8, 0.2, -0.3, 0.3, 0.0, -0.6, 0.5, 0.1, -0.1, 0.2, -0.2, 0.0};
        double sum = 0;
        for (int r = 0; r < REASONS; r++) {
            REASON_EFFECT[r] = r < head.length ? head[r] : TAIL_REASON_EFFECT; // ranks 15+ share one effect,
            REASON_SHARE[r] = Math.pow(r + 1, -0.8);                             // so the top-20 cut cannot matter
            sum += REASON_SHARE[r];
        }
        for (int r = 0; r < REASONS; r++) {
            REASON_SHARE[r] /= sum;
        }
        for (int c = 1; c < CHANNELS.length; c++) {
            TRUTH.put("channel=" + CHANNELS[c], CHANNEL_EFFECT[c]);
        }
        TRUTH.put("direction=OUTBOUND", 0.2);
        TRUTH.put("direction=(unknown)", 0.0);
        for (int r = 1; r < 15; r++) {
            TRUTH.put("reason=" + reasonName(r), REASON_EFFECT[r]);
        }
        TRUTH.put("reason=(other)", TAIL_REASON_EFFECT);
        TRUTH.put("reason=(unknown)", -0.1);
        TRUTH.put("log1p(queueSeconds)", -0.35);
        TRUTH.put("log1p(talkSeconds)", -0.1);
        TRUTH.put("log1p(holdSeconds)", -0.15);
        TRUTH.put("log1p(afterWorkSeconds)", 0.0);
        TRUTH.put("abandoned", -1.0);
        TRUTH.put("transfers", -0.3);
        TRUTH.put("resolved=no", -1.2);
        TRUTH.put("resolved=(unknown)", -0.3);
        TRUTH.put("repeatContact", -0.5);
        TRUTH.put("sentiment", 1.5);
        TRUTH.put("partOfDay=night", -0.2);
        TRUTH.put("partOfDay=morning", 0.0);
        TRUTH.put("partOfDay=evening", -0.1);
        TRUTH.put("partOfDay=(unknown)", 0.0);
        TRUTH.put("dayType=weekend", 0.1);
        TRUTH.put("dayType=(unknown)", 0.0);
        MISSING.put("queueSeconds", -1.6);
        MISSING.put("talkSeconds", -0.55);
        MISSING.put("holdSeconds", -0.2);
        MISSING.put("afterWorkSeconds", 0.0);
        MISSING.put("sentiment", 0.0);
    }

    /** Simulated rows with their true probability of satisfaction. */
    record Sample(List<LabelledInteraction> rows, double[] trueProbability) {
    }

    static String reasonName(int r) {
        return String.format("r%02d", r);
    }

    static Sample simulate(int n, int customers, long seed) {
        Random rng = new Random(seed);
        List<LabelledInteraction> rows = new ArrayList<>(n);
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            InteractionFeatures f = draw(rng);
            double p = LogisticRegression.sigmoid(trueLogit(f));
            truth[i] = p;
            boolean satisfied = rng.nextDouble() < p;
            int csat = satisfied ? 4 + rng.nextInt(2) : 1 + rng.nextInt(3);
            rows.add(new LabelledInteraction("c" + rng.nextInt(customers), f, csat));
        }
        return new Sample(rows, truth);
    }

    static InteractionFeatures draw(Random rng) {
        Channel channel = CHANNELS[pick(rng, CHANNEL_SHARE)];
        double u = rng.nextDouble();
        Direction direction = u < 0.80 ? Direction.INBOUND : u < 0.95 ? Direction.OUTBOUND : null;
        String reason = rng.nextDouble() < 0.10 ? null : reasonName(pick(rng, REASON_SHARE));
        if (reason != null && rng.nextBoolean()) {
            reason = " " + reason.toUpperCase() + " "; // case and spacing must not matter
        }
        boolean abandoned = rng.nextDouble() < 0.05;
        Integer queue = rng.nextDouble() < 0.10 ? null : (int) Math.round(Math.exp(4 + 1.2 * rng.nextGaussian()));
        Integer talk = rng.nextDouble() < 0.05 ? null
                : abandoned ? 0 : (int) Math.round(Math.exp(5.5 + 0.7 * rng.nextGaussian()));
        Integer hold = rng.nextDouble() < 0.05 ? null
                : abandoned || rng.nextDouble() < 0.6 ? 0 : (int) Math.round(Math.exp(3.5 + rng.nextGaussian()));
        Integer afterWork = rng.nextDouble() < 0.20 ? null
                : abandoned ? 0 : (int) Math.round(Math.exp(4 + 0.8 * rng.nextGaussian()));
        int transfers = poisson(rng, 0.4);
        u = rng.nextDouble();
        Boolean resolved = abandoned ? Boolean.FALSE : u < 0.60 ? Boolean.TRUE : u < 0.85 ? Boolean.FALSE : null;
        boolean repeat = rng.nextDouble() < 0.20;
        Double sentiment = rng.nextDouble() < 0.30 ? null
                : Math.max(-1, Math.min(1, 0.1 + 0.4 * rng.nextGaussian()));
        Integer hour = rng.nextDouble() < 0.05 ? null : hour(rng);
        DayOfWeek day = rng.nextDouble() < 0.05 ? null : DayOfWeek.of(1 + rng.nextInt(7));
        return new InteractionFeatures(channel, direction, reason, queue, talk, hold, afterWork, abandoned, transfers,
                resolved, repeat, sentiment, hour, day);
    }

    static double trueLogit(InteractionFeatures f) {
        double eta = INTERCEPT;
        eta += CHANNEL_EFFECT[f.channel().ordinal()];
        if (f.direction() == Direction.OUTBOUND) {
            eta += 0.2;
        }
        String reason = FeatureEncoder.normaliseReason(f.contactReason());
        eta += reason == null ? -0.1 : REASON_EFFECT[Integer.parseInt(reason.substring(1))];
        eta += duration(f.queueSeconds(), "queueSeconds");
        eta += duration(f.talkSeconds(), "talkSeconds");
        eta += duration(f.holdSeconds(), "holdSeconds");
        eta += duration(f.afterWorkSeconds(), "afterWorkSeconds");
        eta += f.abandoned() ? -1.0 : 0.0;
        eta += -0.3 * Math.min(f.transfers(), FeatureEncoder.TRANSFERS_CAP);
        eta += f.resolved() == null ? -0.3 : f.resolved() ? 0.0 : -1.2;
        eta += f.repeatContact() ? -0.5 : 0.0;
        eta += f.sentiment() == null ? MISSING.get("sentiment") : 1.5 * f.sentiment();
        if (f.hourOfDay() != null) {
            eta += switch (f.hourOfDay() / 6) {
                case 0 -> -0.2;
                case 3 -> -0.1;
                default -> 0.0;
            };
        }
        if (f.dayOfWeek() == DayOfWeek.SATURDAY || f.dayOfWeek() == DayOfWeek.SUNDAY) {
            eta += 0.1;
        }
        return eta;
    }

    private static double duration(Integer seconds, String field) {
        return seconds == null ? MISSING.get(field) : TRUTH.get("log1p(" + field + ")") * Math.log1p(seconds);
    }

    /** Hours weighted towards the afternoon, so "afternoon" is clearly the most frequent part of the day. */
    private static int hour(Random rng) {
        double u = rng.nextDouble();
        int part = u < 0.08 ? 0 : u < 0.38 ? 1 : u < 0.78 ? 2 : 3;
        return part * 6 + rng.nextInt(6);
    }

    private static int pick(Random rng, double[] shares) {
        double u = rng.nextDouble();
        for (int i = 0; i < shares.length - 1; i++) {
            u -= shares[i];
            if (u < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private static int poisson(Random rng, double mean) {
        double l = Math.exp(-mean);
        double p = rng.nextDouble();
        int k = 0;
        while (p > l) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }

    private CxSimulator() {
    }
}
