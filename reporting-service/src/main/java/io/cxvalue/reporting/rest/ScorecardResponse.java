package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.scorecard.AgentScorecard;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Agent scorecards: the customers' view next to the quality reviewers', with intervals and the gap. */
@Schema(description = "Agent scorecards of one page, ordered by agent")
public record ScorecardResponse(Instant from, Instant to, Map<String, List<String>> filters, int minAnswers,
        int minEvaluations, KpiResponse.Page page, List<AgentScorecard> agents) implements CsvExport {

    static final List<String> HEADER = List.of("agentId", "contactsHandled", "feltValued", "feltValuedLow",
            "feltValuedHigh", "feltValuedBase", "csat", "csatLow", "csatHigh", "csatBase", "csatMean", "quality",
            "qualityLow", "qualityHigh", "qualityBase", "gapPoints", "gapLow", "gapHigh", "gapClear", "direction",
            "words");

    @Override
    public List<String> csvHeader() {
        return HEADER;
    }

    @Override
    public List<List<String>> csvRows() {
        List<List<String>> rows = new ArrayList<>();
        for (AgentScorecard a : agents) {
            rows.add(row(a));
        }
        return rows;
    }

    static List<String> row(AgentScorecard a) {
        AgentScorecard.Gap gap = a.gap();
        return Arrays.asList(a.agentId(), KpiResponse.number(a.contactsHandled()),
                KpiResponse.number(a.feltValued().value()), KpiResponse.number(a.feltValued().low()),
                KpiResponse.number(a.feltValued().high()), String.valueOf(a.feltValued().base()),
                KpiResponse.number(a.csat().value()), KpiResponse.number(a.csat().low()),
                KpiResponse.number(a.csat().high()), String.valueOf(a.csat().base()),
                KpiResponse.number(a.csatMean().value()), KpiResponse.number(a.quality().value()),
                KpiResponse.number(a.quality().low()), KpiResponse.number(a.quality().high()),
                String.valueOf(a.quality().base()),
                gap == null ? null : KpiResponse.number(gap.points()),
                gap == null ? null : KpiResponse.number(gap.low()),
                gap == null ? null : KpiResponse.number(gap.high()),
                gap == null ? "false" : String.valueOf(gap.clear()),
                gap == null || gap.direction() == null ? null : gap.direction().name(),
                gap == null ? null : gap.words());
    }

    @Override
    public Map<String, String> csvMetadata() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cx-Total-Rows", String.valueOf(page.totalRows()));
        return headers;
    }
}
