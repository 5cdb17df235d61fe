package io.cxvalue.reporting.service;

import io.cxvalue.reporting.ReportingPeriod;
import io.cxvalue.reporting.TeamContactSummary;
import io.cxvalue.reporting.repository.ContactFactRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reports about one team, computed from the contact facts. */
@ApplicationScoped
public class TeamReportService {

    private final ContactFactRepository facts;

    TeamReportService(ContactFactRepository facts) {
        this.facts = facts;
    }

    /** The team's contacts that started in {@code period}; a team without any is a summary of zeros. */
    public Uni<TeamContactSummary> contacts(String teamId, ReportingPeriod period) {
        return facts.summarizeTeam(teamId, period);
    }
}
