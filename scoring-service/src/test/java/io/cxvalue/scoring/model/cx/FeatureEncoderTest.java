package io.cxvalue.scoring.model.cx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    private static InteractionFeatures row(Channel channel, String reason, Integer queue, Boolean resolved,
            Double sentiment) {
        return new InteractionFeatures(channel, Direction.INBOUND, reason, queue, 120, 0, 30, false, 0, resolved,
                false, sentiment, 10, DayOfWeek.MONDAY);
    }

    /** 100 rows: reasons billing 50, delivery 30, returns 15, rare 5; queue missing in 20; sentiment in 40. */
    private static List<InteractionFeatures> training() {
        List<InteractionFeatures> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String reason = i < 50 ? "Billing" : i < 80 ? "delivery " : i < 95 ? "returns" : "rare";
            Channel channel = i % 4 == 0 ? Channel.CHAT : Channel.VOICE;
            Integer queue = i % 5 == 0 ? null : 10 * i;
            Boolean resolved = i % 3 == 0 ? Boolean.FALSE : Boolean.TRUE;
            Double sentiment = i % 10 < 4 ? null : (i % 7) / 7.0 - 0.5;
            rows.add(row(channel, reason, queue, resolved, sentiment));
        }
        return rows;
    }

    private static double value(FeatureEncoder encoder, double[] encoded, String name) {
        int j = encoder.featureNames().indexOf(name);
        assertTrue(j >= 0, "no column " + name + " in " + encoder.featureNames());
        FeatureEncoder.Column c = encoder.columns().get(j);
        return encoded[j] * c.scale() + c.mean(); // back to the raw value
    }

    @Test
    void topReasonsGetColumnsAndOthersAndUnseenBecomeOther() {
        FeatureEncoder encoder = FeatureEncoder.fit(training(), 2, 5);
        // billing is most frequent and the reference; delivery has a column; returns and rare are cut by top-2
        assertEquals(List.of("billing", "delivery"), encoder.reasons());
        List<String> names = encoder.featureNames();
        assertTrue(names.contains("reason=delivery"));
        assertTrue(names.contains("reason=(other)"));
        assertFalse(names.contains("reason=billing"), "reference level has no column");
        assertFalse(names.contains("reason=returns"));
        assertEquals("reason=billing", encoder.columns().get(names.indexOf("reason=delivery")).reference());

        assertEquals("delivery", encoder.reasonLevel("  DELIVERY"));
        assertEquals(FeatureEncoder.OTHER, encoder.reasonLevel("returns"));
        assertEquals(FeatureEncoder.OTHER, encoder.reasonLevel("never seen before"));
        assertEquals(FeatureEncoder.UNKNOWN, encoder.reasonLevel(" "));

        double[] unseen = encoder.encode(row(Channel.VOICE, "never seen before", 100, true, 0.0));
        assertEquals(1.0, value(encoder, unseen, "reason=(other)"), 1e-12);
        assertEquals(0.0, value(encoder, unseen, "reason=delivery"), 1e-12);
        double[] billing = encoder.encode(row(Channel.VOICE, "billing", 100, true, 0.0));
        assertEquals(0.0, value(encoder, billing, "reason=(other)"), 1e-12);
    }

    @Test
    void missingValuesAreImputedWithTheTrainingMedianAndFlagged() {
        List<InteractionFeatures> training = training();
        FeatureEncoder encoder = FeatureEncoder.fit(training, 20, 5);
        double[] known = training.stream().filter(f -> f.queueSeconds() != null)
                .mapToDouble(f -> Math.log1p(f.queueSeconds())).sorted().toArray();
        double median = (known[known.length / 2 - 1] + known[known.length / 2]) / 2; // 80 known values
        assertEquals(median, encoder.medians().get("queueSeconds"), 1e-12);

        double[] missing = encoder.encode(row(Channel.VOICE, "billing", null, null, null));
        assertEquals(median, value(encoder, missing, "log1p(queueSeconds)"), 1e-12);
        assertEquals(1.0, value(encoder, missing, "queueSeconds missing"), 1e-12);
        assertEquals(1.0, value(encoder, missing, "sentiment missing"), 1e-12);
        assertEquals(encoder.medians().get("sentiment"), value(encoder, missing, "sentiment"), 1e-12);
        for (double v : missing) {
            assertTrue(Double.isFinite(v));
        }
        double[] present = encoder.encode(row(Channel.VOICE, "billing", 99, true, 0.25));
        assertEquals(Math.log1p(99), value(encoder, present, "log1p(queueSeconds)"), 1e-12);
        assertEquals(0.0, value(encoder, present, "queueSeconds missing"), 1e-12);
        assertEquals(0.25, value(encoder, present, "sentiment"), 1e-12);

        // No talk time ever missing in training: no indicator, and a missing one at scoring is just imputed.
        assertFalse(encoder.featureNames().contains("talkSeconds missing"));
        // resolved=(unknown) never seen: no column; resolved=no (33 rows) has one against resolved=yes.
        assertFalse(encoder.featureNames().contains("resolved=(unknown)"));
        assertEquals("resolved=yes", encoder.columns().get(encoder.featureNames().indexOf("resolved=no")).reference());
    }

    @Test
    void encodingIsFittedOnTheTrainingRowsOnly() {
        List<InteractionFeatures> training = training();
        FeatureEncoder encoder = FeatureEncoder.fit(training, 20, 5);
        // Standardised training columns have mean 0 and variance 1 on the training rows ...
        double[][] x = encoder.encodeAll(training);
        for (int j = 0; j < encoder.columns().size(); j++) {
            double sum = 0;
            double sumSq = 0;
            for (double[] row : x) {
                sum += row[j];
                sumSq += row[j] * row[j];
            }
            assertEquals(0.0, sum / x.length, 1e-9, encoder.featureNames().get(j));
            assertEquals(1.0, sumSq / x.length, 1e-9, encoder.featureNames().get(j));
        }
        // ... and encoding other rows (however different) changes nothing in the encoder or the training encoding.
        List<InteractionFeatures> other = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            other.add(row(Channel.EMAIL, "brand new reason", 100_000, null, -1.0));
        }
        FeatureEncoder before = FeatureEncoder.fit(training, 20, 5);
        encoder.encodeAll(other);
        assertEquals(before, encoder);
        assertArrayEquals(before.encode(training.get(7)), encoder.encode(training.get(7)), 0);
        // Fitting on a different sample gives a different encoding: it really is learned from what it is given.
        List<InteractionFeatures> more = new ArrayList<>(training);
        more.addAll(other);
        FeatureEncoder refit = FeatureEncoder.fit(more, 20, 5);
        assertFalse(refit.equals(encoder));
        assertTrue(refit.reasons().contains("brand new reason"));
        assertFalse(encoder.reasons().contains("brand new reason"));
    }

    @Test
    void rareLevelsAreScoredAsTheReference() {
        List<InteractionFeatures> training = training();
        training.add(row(Channel.SMS, "billing", 10, true, 0.0)); // one SMS row: below minCount
        FeatureEncoder encoder = FeatureEncoder.fit(training, 20, 5);
        assertFalse(encoder.featureNames().contains("channel=SMS"));
        assertTrue(encoder.featureNames().contains("channel=CHAT"));
        assertEquals("channel=VOICE", encoder.columns().get(encoder.featureNames().indexOf("channel=CHAT")).reference());
        assertArrayEquals(encoder.encode(row(Channel.VOICE, "billing", 10, true, 0.0)),
                encoder.encode(row(Channel.SMS, "billing", 10, true, 0.0)), 0);
        // IN_PERSON never seen at all: also the reference
        assertArrayEquals(encoder.encode(row(Channel.VOICE, "billing", 10, true, 0.0)),
                encoder.encode(row(Channel.IN_PERSON, "billing", 10, true, 0.0)), 0);
    }

    @Test
    void rebuildsFromStoredParts() {
        FeatureEncoder encoder = FeatureEncoder.fit(training(), 20, 5);
        FeatureEncoder copy = new FeatureEncoder(encoder.reasons(), encoder.medians(), encoder.columns());
        assertEquals(encoder, copy);
        InteractionFeatures f = row(Channel.CHAT, "returns", null, false, 0.3);
        assertArrayEquals(encoder.encode(f), copy.encode(f), 0);
    }

    @Test
    void repeatContactWindow() {
        Instant t = Instant.parse("2025-01-10T12:00:00Z");
        Duration week = InteractionFeatures.DEFAULT_REPEAT_WINDOW;
        assertTrue(InteractionFeatures.isRepeat(t, List.of(t.minus(Duration.ofDays(3))), week));
        assertTrue(InteractionFeatures.isRepeat(t, List.of(t.minus(week)), week));
        assertFalse(InteractionFeatures.isRepeat(t, List.of(t.minus(week).minusSeconds(1)), week));
        assertFalse(InteractionFeatures.isRepeat(t, List.of(t, t.plusSeconds(60)), week), "itself or later");
    }

    @Test
    void encodesEveryRowOfARandomSampleToFiniteValues() {
        Random rng = new Random(11);
        List<InteractionFeatures> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(CxSimulator.draw(rng));
        }
        FeatureEncoder encoder = FeatureEncoder.fit(rows, 20, 20);
        for (InteractionFeatures f : rows) {
            for (double v : encoder.encode(f)) {
                assertTrue(Double.isFinite(v));
            }
        }
    }
}
