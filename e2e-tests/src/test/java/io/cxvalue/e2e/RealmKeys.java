package io.cxvalue.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The cx-value realm's signing keys, through Keycloak's admin API (the local stack's bootstrap admin): which key signs
 * tokens now, and a rotation that adds a new key and removes the current one, as an operator rotates a compromised or
 * expiring key.
 */
final class RealmKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String keycloak;

    RealmKeys(String keycloak) {
        this.keycloak = keycloak;
    }

    /** The key id ({@code kid}) a token was signed with. */
    static String keyIdOf(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).path("kid").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds an RS256 key of higher priority (new tokens are signed with it) and removes the key provider of
     * {@code keyId} from the realm, so that the realm no longer publishes that key.
     */
    void rotateOut(String keyId) throws IOException {
        String admin = adminToken();
        JsonNode keys = JSON.readTree(given().auth().oauth2(admin).get(realmAdmin() + "/keys").then().statusCode(200)
                .extract().asString());
        String providerId = null;
        for (JsonNode key : keys.path("keys")) {
            if (key.path("kid").asText().equals(keyId)) {
                providerId = key.path("providerId").asText();
            }
        }
        if (providerId == null) {
            throw new IllegalStateException("The realm has no key " + keyId + ": " + keys);
        }
        String realmId = given().auth().oauth2(admin).get(realmAdmin()).then().statusCode(200).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "rsa-rotated-in", "providerId", "rsa-generated",
                        "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                        "config", Map.of("priority", List.of("500"), "keySize", List.of("2048"),
                                "active", List.of("true"), "enabled", List.of("true"),
                                "algorithm", List.of("RS256"))))
                .post(realmAdmin() + "/components").then().statusCode(201);
        given().auth().oauth2(admin).delete(realmAdmin() + "/components/" + providerId).then().statusCode(204);
    }

    private String realmAdmin() {
        return keycloak + "/admin/realms/cx-value";
    }

    private String adminToken() {
        return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(keycloak + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
