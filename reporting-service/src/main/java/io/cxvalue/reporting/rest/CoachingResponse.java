package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.scorecard.AgentScorecard;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The coaching list: agents whose customers and quality reviewers clearly disagree (the interval of the gap excludes
 * zero, both bases reach their minimum), the largest gap first, both ways round.
 */
@Schema(description = "Agents ranked by the gap between felt valued and quality, where it is clear")
public record CoachingResponse(Instant from, Instant to, Map<String, List<String>> filters, int minAnswers,
        int minEvaluations, int agentsConsidered, List<AgentScorecard> coaching) implements CsvExport {

    @Override
    public List<String> csvHeader() {
        List<String> header = new ArrayList<>(List.of("rank"));
        header.addAll(ScorecardResponse.HEADER);
        return header;
    }

    @Override
    public List<List<String>> csvRows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < coaching.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(i + 1));
            row.addAll(ScorecardResponse.row(coaching.get(i)));
            rows.add(row);
        }
        return rows;
    }

    @Override
    public Map<String, String> csvMetadata() {
        return Map.of("Cx-Total-Rows", String.valueOf(coaching.size()));
    }
}
