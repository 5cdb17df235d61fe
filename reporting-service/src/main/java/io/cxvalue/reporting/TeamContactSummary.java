package io.cxvalue.reporting;

/**
 * A team's contacts over a period: how many, how many were handled (not abandoned) and their average handle time.
 *
 * @param averageHandleSeconds mean talk + hold + after-work of the handled contacts; null when none was handled
 */
public record TeamContactSummary(String teamId, long contacts, long handled, long abandoned,
        Double averageHandleSeconds) {

    /** A summary from the counts per outcome and the total handle time of the handled contacts. */
    public static TeamContactSummary of(String teamId, long handled, long abandoned, long handledSeconds) {
        Double average = handled == 0 ? null : (double) handledSeconds / handled;
        return new TeamContactSummary(teamId, handled + abandoned, handled, abandoned, average);
    }
}
