package io.cxvalue.scoring;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A customer's survey answers as the caller card shows them, as of an instant: the latest answer to each question.
 * A response that skipped a question (null score) does not hide an earlier answer to it.
 *
 * @param responses       responses given at or before the instant
 * @param lastCsat        the latest CSAT answer (1..5), or null
 * @param lastCsatAt      when it was given
 * @param lastNps         the latest NPS answer (0..10), or null
 * @param npsCategory     that answer's category, or null
 * @param lastCes         the latest customer-effort answer (1..7), or null
 * @param lastFeltValued  the latest felt-valued answer (1..5), or null
 * @param lastRespondedAt the latest response's time, or null
 */
public record SurveyHistory(
        long responses,
        Integer lastCsat,
        Instant lastCsatAt,
        Integer lastNps,
        NpsCategory npsCategory,
        Integer lastCes,
        Integer lastFeltValued,
        Instant lastRespondedAt) {

    /** The NPS category of one answer: promoter 9-10, passive 7-8, detractor 0-6. */
    public enum NpsCategory {
        PROMOTER, PASSIVE, DETRACTOR;

        public static NpsCategory of(int nps) {
            if (nps < 0 || nps > 10) {
                throw new IllegalArgumentException("NPS answers are 0..10: " + nps);
            }
            return nps >= 9 ? PROMOTER : nps >= 7 ? PASSIVE : DETRACTOR;
        }
    }

    /** The history as of {@code asOf} (responses after it are ignored). */
    public static SurveyHistory of(List<SurveyResponse> all, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        List<SurveyResponse> known = all.stream()
                .filter(r -> !r.respondedAt().isAfter(asOf))
                .sorted(Comparator.comparing(SurveyResponse::respondedAt)
                        .thenComparing(SurveyResponse::responseId).reversed())
                .toList();
        SurveyResponse csat = latest(known, SurveyResponse::csat);
        SurveyResponse nps = latest(known, SurveyResponse::nps);
        SurveyResponse ces = latest(known, SurveyResponse::ces);
        SurveyResponse feltValued = latest(known, SurveyResponse::feltValued);
        return new SurveyHistory(
                known.size(),
                csat == null ? null : csat.csat(),
                csat == null ? null : csat.respondedAt(),
                nps == null ? null : nps.nps(),
                nps == null ? null : NpsCategory.of(nps.nps()),
                ces == null ? null : ces.ces(),
                feltValued == null ? null : feltValued.feltValued(),
                known.isEmpty() ? null : known.get(0).respondedAt());
    }

    private static SurveyResponse latest(List<SurveyResponse> latestFirst, Function<SurveyResponse, Integer> score) {
        return latestFirst.stream().filter(r -> score.apply(r) != null).findFirst().orElse(null);
    }
}
