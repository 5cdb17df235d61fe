package io.cxvalue.testsupport;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;

/**
 * Signed access tokens for {@code quarkus-test-oidc-server}: the service validates them against the test server's
 * real JWKS, exactly as it validates Keycloak's tokens.
 */
public final class TestTokens {

    /** The issuer {@code OidcWiremockTestResource} serves. */
    public static final String ISSUER = "https://server.example.com";

    private TestTokens() {
    }

    /** A bearer token for a user holding the given realm roles. */
    public static String withRoles(String... roles) {
        return Jwt.preferredUserName("test-" + String.join("-", roles))
                .subject("test-user")
                .groups(Set.of(roles))
                .issuer(ISSUER)
                .sign();
    }

    /** A manager's bearer token whose {@code teams} claim names the teams they manage. */
    public static String managerOf(String... teams) {
        return Jwt.preferredUserName("test-manager-" + String.join("-", teams))
                .subject("test-manager")
                .groups(Set.of("manager"))
                .claim("teams", java.util.List.of(teams))
                .issuer(ISSUER)
                .sign();
    }
}
