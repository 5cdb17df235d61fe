package io.cxvalue.testsupport;

import io.cxvalue.testsupport.api.ApiConformance;
import io.smallrye.jwt.build.Jwt;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                .claim("teams", List.of(teams))
                .issuer(ISSUER)
                .sign();
    }

    /**
     * Tokens a service must refuse: unsigned (alg none), signed but altered, from another issuer, expired, and signed
     * by a key the realm does not publish (one rotated out, say). Each holds every role, so that only the token's
     * own fault can be the reason for a 401.
     */
    public static Map<String, String> forged() {
        Set<String> roles = Set.of("ingest", "agent", "manager", "analyst", "admin");
        String valid = withRoles(roles.toArray(String[]::new));
        String[] parts = valid.split("\\.");
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("signed with alg none", url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x5A;
        forged.put("with an altered signature", parts[0] + "." + parts[1] + "." + url.encodeToString(signature));
        byte[] claims = Base64.getUrlDecoder().decode(parts[1]);
        forged.put("with altered claims", parts[0] + "." + url.encodeToString(new String(claims,
                StandardCharsets.UTF_8).replace("test-user", "test-usex").getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2]);
        forged.put("from another issuer", Jwt.preferredUserName("intruder").subject("intruder").groups(roles)
                .issuer("https://attacker.example/realms/cx-value").sign());
        forged.put("that has expired", Jwt.preferredUserName("late").subject("late").groups(roles).issuer(ISSUER)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign());
        forged.put("signed by a key the realm does not publish", Jwt.preferredUserName("rotated").subject("rotated")
                .groups(roles).issuer(ISSUER).jws().keyId("rotated-out").sign(otherKey().getPrivate()));
        forged.put("that is not a JWT", "not-a-jwt");
        return forged;
    }

    /** The tokens {@link ApiConformance} signs requests with. */
    public static ApiConformance.Tokens conformance() {
        Map<String, String> forged = forged();
        return new ApiConformance.Tokens() {
            @Override
            public String forRole(String role) {
                return role.equals("manager") ? managerOf("t-conformance") : withRoles(role);
            }

            @Override
            public Map<String, String> forged() {
                return forged;
            }
        };
    }

    private static KeyPair otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
