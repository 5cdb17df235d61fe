package io.cxvalue.reporting.voice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What customers say: the themes of the period's survey comments and contact notes, their trend against the period
 * before, the satisfaction and sentiment attached to each, and the themes distinctive of each contact reason.
 *
 * @param comments         comments in the period (with or without terms)
 * @param previousComments comments in the period of the same length before
 * @param lowCsatShare     share of the period's comments with a CSAT answer that gave 1-2; null without answers
 * @param negativeSentimentShare share of the period's comments whose contact's sentiment was measured negative, of
 *                         those measured; null when none was
 * @param weeks            the first day of each week of the period (in the report's zone), for the weekly counts
 * @param themes           the most mentioned themes, most first
 * @param byContactReason  per contact reason (most comments first): its comments and its distinctive themes
 * @param notes            how themes are chosen and compared, in words
 */
public record VoiceReport(Instant from, Instant to, Instant previousFrom, long comments, long previousComments,
        Double lowCsatShare, Double negativeSentimentShare, List<LocalDate> weeks, List<Theme> themes,
        List<ReasonThemes> byContactReason, List<String> notes) {

    public VoiceReport {
        weeks = List.copyOf(weeks);
        themes = List.copyOf(themes);
        byContactReason = List.copyOf(byContactReason);
        notes = List.copyOf(notes);
    }

    /** An estimate and its 95 % interval. */
    public record Estimate(double estimate, double low, double high) {
    }

    /** Where a theme is going: against its share of the period before's comments. */
    public enum Direction {
        RISING, FALLING, STEADY, NEW
    }

    /**
     * @param key              the term's key (what ingestion's verbatims are found by)
     * @param label            its most frequent form as written
     * @param comments         comments that mention it
     * @param share            of the period's comments, with its Wilson interval
     * @param previousComments comments that mentioned it in the period before
     * @param direction        RISING or FALLING when the interval of the share ratio excludes 1
     * @param shareRatio       its share now against before (Katz interval); null when it is NEW
     * @param csatAnswers      its comments with a CSAT answer
     * @param meanCsat         their mean CSAT; null without answers
     * @param lowCsatShare     share of them that gave 1-2 (Wilson); null without answers
     * @param lowCsatRatio     that share against the other comments' (Katz); null when either has no answers
     * @param sentimentMeasured its comments whose contact's sentiment was measured (a channel system's score of the
     *                         conversation: what a theme of notes and transcripts, which carry no CSAT, is judged by)
     * @param meanSentiment    their mean sentiment, -1 .. 1; null when none was measured
     * @param negativeSentimentShare share of them measured negative (-0.3 or below; Wilson); null when none was
     * @param negativeSentimentRatio that share against the other comments' (Katz); null when either has none
     * @param weekly           comments mentioning it per week of the period
     * @param contactReasons   the contact reasons it is mentioned about, most first (at most three)
     * @param sentence         the finding in words
     */
    public record Theme(String key, String label, long comments, Estimate share, long previousComments,
            Direction direction, Estimate shareRatio, long csatAnswers, Double meanCsat, Estimate lowCsatShare,
            Estimate lowCsatRatio, long sentimentMeasured, Double meanSentiment, Estimate negativeSentimentShare,
            Estimate negativeSentimentRatio, List<Long> weekly, List<Count> contactReasons, String sentence) {

        public Theme {
            weekly = List.copyOf(weekly);
            contactReasons = List.copyOf(contactReasons);
        }
    }

    public record Count(String name, long comments) {
    }

    /**
     * A contact reason's comments and the themes most over-represented in them against the other reasons' (by
     * Dunning's log-likelihood ratio, G2; only themes at least twice as frequent there, and significant at 0.1 %).
     */
    public record ReasonThemes(String contactReason, long comments, List<DistinctiveTheme> distinctive) {

        public ReasonThemes {
            distinctive = List.copyOf(distinctive);
        }
    }

    /**
     * @param lift      its share of this reason's comments against its share of the other reasons'
     * @param logLikelihood Dunning's G2
     */
    public record DistinctiveTheme(String key, String label, long comments, double share, double lift,
            double logLikelihood) {
    }
}
