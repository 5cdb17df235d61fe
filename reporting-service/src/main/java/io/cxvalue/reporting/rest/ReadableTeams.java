package io.cxvalue.reporting.rest;

import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;

import io.cxvalue.reporting.service.KpiQueryService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * Which teams a report reads for the caller: the teams it names, if the caller may see them all (403 otherwise);
 * without a team filter, every team for an analyst and the manager's own teams for a manager (403 when the token names
 * none). One place, so every report enforces the scope the same way.
 */
@ApplicationScoped
public class ReadableTeams {

    private final KpiQueryService kpis;

    ReadableTeams(KpiQueryService kpis) {
        this.kpis = kpis;
    }

    public Uni<Set<String>> of(SecurityIdentity identity, Set<String> asked) {
        TeamScope scope = TeamScope.of(identity);
        scope.forbidden(asked).ifPresent(refused -> {
            throw notYourTeams(refused);
        });
        if (!scope.allTeams() && scope.teams().isEmpty()) {
            throw notYourTeams(List.copyOf(asked.isEmpty() ? Set.of("any") : asked));
        }
        if (!asked.isEmpty()) {
            return Uni.createFrom().item(asked);
        }
        return scope.allTeams() ? kpis.teams().map(Set::copyOf) : Uni.createFrom().item(scope.teams());
    }

    /** 403: a manager asked for a team they do not manage. */
    static HttpProblem notYourTeams(List<String> teams) {
        return Problems.forbidden("You do not manage " + (teams.size() == 1 ? "team '" + teams.get(0) + "'"
                : "teams " + teams) + "; a manager sees only the teams in the token's 'teams' claim");
    }
}
