package io.cxvalue.scoring.security;

import io.cxvalue.testsupport.TestTokens;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens verified once are answered from the cache, as the very same identity, and never past their expiry; a token
 * that fails verification is never stored. Every token here is checked against the test OIDC server's real JWKS.
 */
@QuarkusTest
class VerifiedTokenCacheTest {

    private static final String SESSION = "/api/v1/session";

    @Inject
    VerifiedTokenCache cache;

    @Test
    void aTokenIsVerifiedOnceAndThenAnsweredFromTheCacheAsTheSameIdentity() {
        String token = TestTokens.withRoles("agent", "analyst");
        assertNull(cache.find(token), "a token nobody has presented is not in the cache");
        long hitsBefore = cache.hits();

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get(SESSION).then().statusCode(200)
                    .body("subject", equalTo("test-agent-analyst"))
                    .body("roles", contains("agent", "analyst"));
        }

        // Exactly two: the first request is verified in full, the other two are not (find() below counts too).
        assertEquals(2, cache.hits() - hitsBefore, "requests answered from the cache");
        assertNotNull(cache.find(token), "the verified token is remembered");
    }

    @Test
    void anIdentityFromTheCacheBelongsToTheCurrentRequestAndTheCacheKeepsNoRequest() {
        String token = TestTokens.withRoles("agent");
        given().auth().oauth2(token).header(RequestProbeAugmentor.HEADER, "first-request")
                .when().get(SESSION).then().statusCode(200);
        long hitsBefore = cache.hits();
        given().auth().oauth2(token).header(RequestProbeAugmentor.HEADER, "second-request")
                .when().get(SESSION).then().statusCode(200);
        assertEquals(1, cache.hits() - hitsBefore, "the second request is answered from the cache");

        assertTrue(RequestProbeAugmentor.SEEN.contains("first-request"));
        assertTrue(RequestProbeAugmentor.SEEN.contains("second-request"),
                "the cached identity must carry the second request's RoutingContext, saw " + RequestProbeAugmentor.SEEN);
        SecurityIdentity stored = cache.find(token);
        assertNull(stored.getAttribute(RoutingContext.class.getName()), "the cache must not keep a request alive");
        assertNull(stored.getAttribute(AuthenticationRequestContext.class.getName()));
    }

    @Test
    void tokensAreNotConfusedWithEachOther() {
        String agent = TestTokens.withRoles("agent");
        String manager = TestTokens.withRoles("manager");
        given().auth().oauth2(agent).when().get(SESSION).then().statusCode(200);
        given().auth().oauth2(manager).when().get(SESSION).then().statusCode(403);
        given().auth().oauth2(agent).when().get(SESSION).then().statusCode(200).body("roles", contains("agent"));
        given().auth().oauth2(manager).when().get(SESSION).then().statusCode(403);
    }

    @Test
    void aTokenThatFailsVerificationIsNeverStored() {
        String token = TestTokens.withRoles("agent");
        // Same header and claims, signature of another token: the text differs, and verification must refuse it.
        String forged = token.substring(0, token.lastIndexOf('.') + 1)
                + TestTokens.withRoles("analyst").substring(token.lastIndexOf('.') + 1);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(forged).when().get(SESSION).then().statusCode(401);
        }
        assertNull(cache.find(forged));

        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        given().auth().oauth2(unsigned).when().get(SESSION).then().statusCode(401);
        assertNull(cache.find(unsigned));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        long expiresAt = System.currentTimeMillis() / 1000 + 3;
        String token = Jwt.preferredUserName("test-short-lived")
                .subject("test-user")
                .groups(Set.of("agent"))
                .issuer(TestTokens.ISSUER)
                .expiresAt(expiresAt)
                .sign();
        given().auth().oauth2(token).when().get(SESSION).then().statusCode(200);
        assertNotNull(cache.find(token), "the token is remembered while it is valid");

        // One request every 200 ms: with the cache trusting the token past its exp this would answer 200 until
        // max-age (a minute) and time out.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().auth().oauth2(token).when().get(SESSION).then().extract().statusCode() == 401);
        assertTrue(System.currentTimeMillis() / 1000 >= expiresAt, "refused only once expired");
        assertNull(cache.find(token));
    }
}
