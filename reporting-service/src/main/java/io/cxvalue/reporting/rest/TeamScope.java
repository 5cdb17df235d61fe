package io.cxvalue.reporting.rest;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The teams a caller may see: every team for an analyst; for a manager, the teams of the token's {@value #CLAIM}
 * claim (a list, or one string of team ids separated by spaces or commas), and none without it.
 */
public record TeamScope(boolean allTeams, Set<String> teams) {

    public static final String CLAIM = "teams";

    public static TeamScope of(SecurityIdentity identity) {
        if (identity.hasRole(Roles.ANALYST)) {
            return new TeamScope(true, Set.of());
        }
        Set<String> teams = new LinkedHashSet<>();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(CLAIM);
            if (claim instanceof Collection<?> values) {
                values.forEach(v -> add(teams, unquote(String.valueOf(v))));
            } else if (claim != null) {
                add(teams, unquote(String.valueOf(claim)));
            }
        }
        return new TeamScope(false, Set.copyOf(teams));
    }

    public boolean allows(String team) {
        return allTeams || teams.contains(team);
    }

    /** The teams of {@code wanted} the caller may not see; empty when all are allowed. */
    public Optional<java.util.List<String>> forbidden(Collection<String> wanted) {
        java.util.List<String> refused = wanted.stream().filter(t -> !allows(t)).sorted().toList();
        return refused.isEmpty() ? Optional.empty() : Optional.of(refused);
    }

    private static void add(Set<String> teams, String value) {
        for (String team : value.split("[\\s,]+")) {
            if (!team.isBlank()) {
                teams.add(team);
            }
        }
    }

    /** A JSON string element may arrive with its quotes (jakarta.json JsonString's toString). */
    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
