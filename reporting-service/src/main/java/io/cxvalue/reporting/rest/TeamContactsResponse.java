package io.cxvalue.reporting.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cxvalue.reporting.TeamContactSummary;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team's contact volume and average handle time over the requested period. */
@Schema(name = "TeamContacts", description = "A team's contacts that started in the requested period")
public record TeamContactsResponse(
        @Schema(description = "The team", examples = "team-a")
        String teamId,
        @Schema(description = "Contacts offered to the team (handled + abandoned)", examples = "3")
        long contacts,
        @Schema(description = "Contacts not abandoned", examples = "2")
        long handled,
        @Schema(description = "Contacts abandoned before being handled", examples = "1")
        long abandoned,
        @Schema(description = "Mean talk + hold + after-contact work of the handled contacts, in seconds; "
                + "null when no contact was handled", nullable = true, examples = "315.0")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        Double averageHandleSeconds) {

    static TeamContactsResponse from(TeamContactSummary summary) {
        return new TeamContactsResponse(summary.teamId(), summary.contacts(), summary.handled(), summary.abandoned(),
                summary.averageHandleSeconds());
    }
}
