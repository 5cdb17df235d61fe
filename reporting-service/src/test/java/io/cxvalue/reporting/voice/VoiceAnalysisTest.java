package io.cxvalue.reporting.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.reporting.voice.VoiceReport.Direction;
import io.cxvalue.reporting.voice.VoiceReport.Theme;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VoiceAnalysisTest {

    private static final Instant PREVIOUS = Instant.parse("2025-03-03T00:00:00Z");
    private static final Instant FROM = Instant.parse("2025-03-17T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-31T00:00:00Z");
    private static final String[] REASONS = {"billing", "delivery", "technical"};

    /**
     * A simulated fortnight of comments against the one before: "long wait" rises from 10 % to 25 % of comments,
     * "rude" stays at 5 % and its comments give CSAT 1-2 four times as often (60 % against 15 %) and their contacts
     * are measured negative in sentiment five times as often (50 % against 10 %; 80 % of contacts measured), "double
     * charged" is only about billing, "broken app" is new.
     */
    private static List<List<Comment>> world(long seed, int perPeriod) {
        SplittableRandom random = new SplittableRandom(seed);
        // The contacts' sentiment from a generator of its own: the rest of the world stays as it was planted.
        SplittableRandom moods = new SplittableRandom(~seed);
        List<Comment> previous = new ArrayList<>();
        List<Comment> current = new ArrayList<>();
        for (int period = 0; period < 2; period++) {
            boolean now = period == 1;
            Instant start = now ? FROM : PREVIOUS;
            for (int i = 0; i < perPeriod; i++) {
                String reason = REASONS[random.nextInt(REASONS.length)];
                List<String> keys = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                if (random.nextDouble() < (now ? 0.25 : 0.10)) {
                    add(keys, labels, "long", "long");
                    add(keys, labels, "wait", random.nextBoolean() ? "wait" : "waiting");
                    add(keys, labels, "long wait", random.nextBoolean() ? "long wait" : "long waiting");
                }
                boolean rude = random.nextDouble() < 0.05;
                if (rude) {
                    add(keys, labels, "rude", "rude");
                }
                if (reason.equals("billing") && random.nextDouble() < 0.3) {
                    add(keys, labels, "doubl charg", "double charged");
                }
                if (now && random.nextDouble() < 0.04) {
                    add(keys, labels, "broken app", "broken app");
                }
                add(keys, labels, "servic", "service");
                Integer csat = random.nextDouble() < 0.7
                        ? (random.nextDouble() < (rude ? 0.6 : 0.15) ? 1 + random.nextInt(2) : 3 + random.nextInt(3))
                        : null;
                Double sentiment = moods.nextDouble() < 0.8
                        ? (moods.nextDouble() < (rude ? 0.5 : 0.1) ? -0.3 - 0.7 * moods.nextDouble()
                                : -0.29 + 1.29 * moods.nextDouble())
                        : null;
                Instant at = start.plus(Duration.ofMinutes(random.nextLong(14 * 24 * 60)));
                (now ? current : previous).add(new Comment(Comment.Source.SURVEY, "r-" + period + "-" + i, at,
                        "team-1", reason, "VOICE", csat, null, sentiment, keys, labels));
            }
        }
        return List.of(previous, current);
    }

    private static void add(List<String> keys, List<String> labels, String key, String label) {
        keys.add(key);
        labels.add(label);
    }

    private static Theme theme(VoiceReport report, String key) {
        return report.themes().stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no theme " + key + " in " + report.themes()));
    }

    @Test
    void themesTheirTrendAndTheirSatisfactionAreFound() {
        List<List<Comment>> w = world(5, 2000);
        VoiceReport report = VoiceAnalysis.analyse(w.get(1), w.get(0), FROM, TO, ZoneOffset.UTC,
                VoiceAnalysis.Options.DEFAULTS);
        assertEquals(2000, report.comments());
        assertEquals(2000, report.previousComments());
        assertEquals(PREVIOUS, report.previousFrom());

        Theme wait = theme(report, "long wait");
        assertEquals(Direction.RISING, wait.direction());
        assertTrue(wait.shareRatio().low() <= 2.5 && 2.5 <= wait.shareRatio().high(), wait.toString());
        assertEquals(wait.comments(), wait.weekly().stream().mapToLong(Long::longValue).sum());
        assertEquals(2, report.weeks().size());
        assertTrue(wait.label().equals("long wait") || wait.label().equals("long waiting"));
        assertTrue(wait.sentence().contains("rising"), wait.sentence());
        assertFalse(report.themes().stream().anyMatch(t -> t.key().equals("long")),
                "'long' only ever comes in 'long wait'");

        Theme rude = theme(report, "rude");
        assertEquals(Direction.STEADY, rude.direction());
        assertTrue(rude.lowCsatRatio().low() <= 4 && 4 <= rude.lowCsatRatio().high(), rude.toString());
        assertTrue(rude.lowCsatRatio().low() > 1, rude.sentence());
        assertTrue(rude.sentence().contains("gave 1-2"), rude.sentence());
        assertTrue(rude.negativeSentimentRatio().low() <= 5 && 5 <= rude.negativeSentimentRatio().high(),
                rude.toString());
        assertTrue(rude.negativeSentimentRatio().low() > 1, rude.sentence());
        assertTrue(rude.sentence().contains("negative in sentiment"), rude.sentence());
        assertTrue(rude.meanSentiment() < theme(report, "servic").meanSentiment(), rude.toString());
        assertFalse(theme(report, "servic").sentence().contains("sentiment"), "every comment mentions 'service'");
        assertTrue(report.negativeSentimentShare() > 0.08 && report.negativeSentimentShare() < 0.16,
                "negative share " + report.negativeSentimentShare());

        assertEquals(Direction.NEW, theme(report, "broken app").direction());
        assertEquals("double charged", theme(report, "doubl charg").label());
        assertEquals("billing", theme(report, "doubl charg").contactReasons().get(0).name());
        assertEquals(1, theme(report, "doubl charg").contactReasons().size());

        VoiceReport.ReasonThemes billing = report.byContactReason().stream()
                .filter(r -> r.contactReason().equals("billing")).findFirst().orElseThrow();
        assertEquals("doubl charg", billing.distinctive().get(0).key());
        assertTrue(billing.distinctive().get(0).lift() >= 2);
        VoiceReport.ReasonThemes delivery = report.byContactReason().stream()
                .filter(r -> r.contactReason().equals("delivery")).findFirst().orElseThrow();
        assertTrue(delivery.distinctive().stream().noneMatch(d -> d.key().equals("servic")),
                "a theme every reason shares is distinctive of none");
    }

    /** Notes and transcripts carry no CSAT: their themes are judged by the sentiment measured of their contacts. */
    @Test
    void themesOfContactNotesCarryTheirContactsSentiment() {
        SplittableRandom random = new SplittableRandom(11);
        List<Comment> notes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            boolean cancel = random.nextDouble() < 0.1;
            List<String> keys = new ArrayList<>(List.of("account"));
            if (cancel) {
                keys.add("cancel contract");
            }
            double sentiment = random.nextDouble() < (cancel ? 0.6 : 0.1) ? -0.3 - 0.7 * random.nextDouble()
                    : -0.29 + 1.29 * random.nextDouble();
            notes.add(new Comment(Comment.Source.CONTACT, "i-" + i, FROM.plusSeconds(60L * i), "t", "billing", "VOICE",
                    null, null, sentiment, keys, keys));
        }
        VoiceReport report = VoiceAnalysis.analyse(notes, List.of(), FROM, TO, ZoneOffset.UTC,
                VoiceAnalysis.Options.DEFAULTS);
        Theme cancel = theme(report, "cancel contract");
        assertEquals(0, cancel.csatAnswers());
        assertEquals(null, cancel.meanCsat());
        assertEquals(null, report.lowCsatShare());
        assertTrue(cancel.sentimentMeasured() == cancel.comments(), cancel.toString());
        assertTrue(cancel.negativeSentimentShare().low() <= 0.6 && 0.6 <= cancel.negativeSentimentShare().high(),
                cancel.toString());
        assertTrue(cancel.negativeSentimentRatio().low() <= 6 && 6 <= cancel.negativeSentimentRatio().high(),
                cancel.toString());
        assertTrue(cancel.sentence().contains("negative in sentiment"), cancel.sentence());
    }

    @Test
    void themesWithFewCommentsAreNotShown() {
        List<Comment> comments = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            List<String> keys = new ArrayList<>(List.of("servic"));
            if (i < 4) {
                keys.add("ada smith");
            }
            comments.add(new Comment(Comment.Source.SURVEY, "c" + i, FROM.plusSeconds(i), "t", "billing", "CHAT", 4,
                    null, null, keys, keys));
        }
        VoiceReport report = VoiceAnalysis.analyse(comments, List.of(), FROM, TO, ZoneOffset.UTC,
                VoiceAnalysis.Options.DEFAULTS);
        assertEquals(List.of("servic"), report.themes().stream().map(Theme::key).toList());
        assertEquals(null, report.themes().get(0).direction(), "no comments before: no trend");
    }

    /**
     * The Katz intervals of the share ratio, the low-CSAT ratio and the negative-sentiment ratio cover the planted 2.5,
     * 4 and 5 about 95 % of runs.
     */
    @Test
    void intervalsCoverThePlantedRatios() {
        int runs = 300;
        int shareCovered = 0;
        int lowCovered = 0;
        int negativeCovered = 0;
        for (int run = 0; run < runs; run++) {
            List<List<Comment>> w = world(100 + run, 1500);
            VoiceReport report = VoiceAnalysis.analyse(w.get(1), w.get(0), FROM, TO, ZoneOffset.UTC,
                    VoiceAnalysis.Options.DEFAULTS);
            Theme wait = theme(report, "long wait");
            shareCovered += wait.shareRatio().low() <= 2.5 && 2.5 <= wait.shareRatio().high() ? 1 : 0;
            Theme rude = theme(report, "rude");
            lowCovered += rude.lowCsatRatio().low() <= 4 && 4 <= rude.lowCsatRatio().high() ? 1 : 0;
            negativeCovered += rude.negativeSentimentRatio().low() <= 5 && 5 <= rude.negativeSentimentRatio().high()
                    ? 1 : 0;
        }
        assertTrue(shareCovered >= 0.92 * runs && shareCovered <= 0.985 * runs, "share ratio coverage "
                + shareCovered + "/" + runs);
        assertTrue(lowCovered >= 0.92 * runs && lowCovered <= 0.985 * runs, "low-CSAT ratio coverage "
                + lowCovered + "/" + runs);
        assertTrue(negativeCovered >= 0.92 * runs && negativeCovered <= 0.985 * runs, "negative-sentiment ratio "
                + "coverage " + negativeCovered + "/" + runs);
    }

    @Test
    void logLikelihoodRatioMatchesAWorkedExample() {
        // Rayson and Garside's keyness: 2 * sum O ln(O/E); a table with no association has G2 = 0.
        assertEquals(0.0, VoiceAnalysis.logLikelihood(10, 90, 20, 180), 1e-12);
        double expected = 2 * (30 * Math.log(30 / 20.0) + 70 * Math.log(70 / 80.0) + 10 * Math.log(10 / 20.0)
                + 90 * Math.log(90 / 80.0));
        assertEquals(expected, VoiceAnalysis.logLikelihood(30, 70, 10, 90), 1e-9);
    }
}
