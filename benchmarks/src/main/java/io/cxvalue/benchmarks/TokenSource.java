package io.cxvalue.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Access tokens of a confidential client (client-credentials grant) or of a user (password grant through a public
 * client such as cx-cli), renewed a minute before they expire.
 */
final class TokenSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenUri;
    private final String form;
    private String token;
    private long renewAtNanos;

    TokenSource(HttpClient http, String keycloakUrl, String realm, String clientId, String clientSecret) {
        this(http, keycloakUrl, realm, "grant_type=client_credentials&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret));
    }

    private TokenSource(HttpClient http, String keycloakUrl, String realm, String form) {
        this.http = http;
        this.tokenUri = URI.create(keycloakUrl.replaceAll("/+$", "") + "/realms/" + realm
                + "/protocol/openid-connect/token");
        this.form = form;
    }

    /** Tokens of a user, by the password grant of a public client with direct access grants (cx-cli). */
    static TokenSource password(HttpClient http, String keycloakUrl, String realm, String clientId, String username,
            String password) {
        return new TokenSource(http, keycloakUrl, realm, "grant_type=password&client_id=" + encode(clientId)
                + "&username=" + encode(username) + "&password=" + encode(password) + "&scope=openid");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A token valid for at least another minute (or for half its lifetime, when that is shorter). */
    synchronized String get() throws IOException, InterruptedException {
        if (token == null || System.nanoTime() - renewAtNanos >= 0) {
            fetch();
        }
        return token;
    }

    /** Forgets the current token (after a 401), so the next {@link #get()} fetches a new one. */
    synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    private void fetch() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUri)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token request to " + tokenUri + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null) {
            throw new IOException("no access_token in the answer of " + tokenUri);
        }
        long lifetime = Math.max(10, body.path("expires_in").asLong(300));
        long margin = Math.min(60, lifetime / 2);
        token = accessToken;
        renewAtNanos = System.nanoTime() + Duration.ofSeconds(lifetime - margin).toNanos();
    }
}
