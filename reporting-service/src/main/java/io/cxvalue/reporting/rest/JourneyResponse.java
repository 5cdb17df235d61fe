package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.journey.Journeys;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Journeys of the issues opened in a period: per contact reason the distribution over closed issues, and the worst
 * journeys with their contacts in order. As CSV: one line per reason.
 */
@Schema(description = "Issue journeys per contact reason and the worst ones")
public record JourneyResponse(Instant from, Instant to, Map<String, List<String>> filters, Instant asOf, long issues,
        long openIssues, List<Journeys.ReasonSummary> byReason, List<Worst> worst) implements CsvExport {

    @Schema(description = "One of the worst journeys")
    public record Worst(int rank, String customerId, String reason, Instant openedAt, int touchpoints, int channels,
            int transfers, int runaround, boolean endedResolved, Long timeToResolutionSeconds,
            @Schema(description = "Whether its repeat window is still open (it may grow)") boolean open,
            List<Journeys.Step> contacts) {
    }

    @Override
    public List<String> csvHeader() {
        List<String> header = new ArrayList<>(List.of("reason", "issues", "closedIssues"));
        Journeys.TOUCHPOINT_BUCKETS.forEach(b -> header.add("touchpoints_" + b));
        header.addAll(List.of("meanTouchpoints", "meanChannels", "meanTransfers", "meanRunaround", "resolvedShare",
                "resolvedIssues", "medianResolutionSeconds", "p90ResolutionSeconds"));
        return header;
    }

    @Override
    public List<List<String>> csvRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Journeys.ReasonSummary r : byReason) {
            List<String> row = new ArrayList<>(Arrays.asList(r.reason(), String.valueOf(r.issues()),
                    String.valueOf(r.closedIssues())));
            Journeys.TOUCHPOINT_BUCKETS.forEach(b -> row.add(String.valueOf(r.touchpoints().get(b))));
            row.addAll(Arrays.asList(KpiResponse.number(r.meanTouchpoints()), KpiResponse.number(r.meanChannels()),
                    KpiResponse.number(r.meanTransfers()), KpiResponse.number(r.meanRunaround()),
                    KpiResponse.number(r.resolvedShare()),
                    String.valueOf(r.resolvedIssues()), KpiResponse.number(r.medianResolutionSeconds()),
                    KpiResponse.number(r.p90ResolutionSeconds())));
            rows.add(row);
        }
        return rows;
    }

    @Override
    public Map<String, String> csvMetadata() {
        return Map.of("Cx-Total-Rows", String.valueOf(byReason.size()), "Cx-As-Of", String.valueOf(asOf));
    }
}
