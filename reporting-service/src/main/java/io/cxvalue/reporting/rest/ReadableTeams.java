package io.cxvalue.reporting.rest;

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
            throw Problems.notYourTeams(refused);
        });
        if (!scope.allTeams() && scope.teams().isEmpty()) {
            throw Problems.notYourTeams(List.copyOf(asked.isEmpty() ? Set.of("any") : asked));
        }
        if (!asked.isEmpty()) {
            return Uni.createFrom().item(asked);
        }
        return scope.allTeams() ? kpis.teams().map(Set::copyOf) : Uni.createFrom().item(scope.teams());
    }
}
