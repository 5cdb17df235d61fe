package io.cxvalue.testsupport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Requests generated from a service's OpenAPI document, each with the answer the API promises, and a runner that
 * sends them and lists every broken promise:
 * <ul>
 * <li>{@link #hostileCorpus}: malformed, mistyped, oversized and hostile requests to every operation, and forged
 * tokens. Every answer is below 500; a refusal is a problem document (status, title) without a stack trace, naming the
 * field where one field is wrong; authentication comes before content negotiation.</li>
 * <li>{@link #roleMatrix}: every operation with no token, and with a token of each role: 401 without, 403 for a role
 * the document does not list, and neither for a role it lists.</li>
 * </ul>
 */
public final class ApiConformance {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Java exception or stack frame in an answer: implementation details a client must never see. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\tat |\\bat (io|org|java|com|jdk)\\.[\\w.$]+\\(|\\b(java|io|org|com)\\.[\\w.]+(Exception|Error)\\b");

    /** Values for path and query parameters that try to break out of their slot; each already encoded as sent. */
    static final List<String> HOSTILE_VALUES = List.of(
            "%27%20OR%20%271%27%3D%271",                  // ' OR '1'='1
            "%3Bdrop%20table%20customer%3B--",             // ;drop table customer;--
            "%7B%22%24gt%22%3A%22%22%7D",                 // {"$gt":""}
            "%24where",                                    // $where
            "this.password%7C%7C1%3D%3D1",                 // this.password||1==1
            "..%2F..%2Fetc%2Fpasswd",
            "..",
            "%00",
            "%FF%FE",                                      // not UTF-8
            "%E2%80%AE",                                   // right-to-left override
            "%F0%9F%92%A5",                                // an emoji
            "%",                                           // a broken escape
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "a".repeat(3000),
            "-1",
            "99999999999999999999999999999",
            "1e400",
            "NaN",
            "");

    /** Tokens the tests sign: a valid one per role, and forged ones a service must refuse. */
    public interface Tokens {
        /** A valid token holding only {@code role} (a manager's names a team). */
        String forRole(String role);

        /** Forged or unusable tokens by name: alg none, a bad signature, another issuer, expired, an unknown key. */
        Map<String, String> forged();
    }

    /**
     * What the API promises for a request: one of {@code statuses} (empty: any status below 500), a 400 naming
     * {@code namedField} when it is set, and neither 401 nor 403 when {@code authorized}.
     */
    public record Expectation(Set<Integer> statuses, String namedField, boolean authorized) {

        static Expectation any() {
            return new Expectation(Set.of(), null, false);
        }

        static Expectation status(Integer... statuses) {
            return new Expectation(Set.of(statuses), null, false);
        }

        static Expectation badRequestNaming(String field) {
            return new Expectation(Set.of(400), field, false);
        }

        static Expectation pastAuthorization() {
            return new Expectation(Set.of(), null, true);
        }
    }

    /** One generated request, with a name that says what it tries. */
    public record Case(String name, RawHttp.Request request, Expectation expected) {
    }

    private ApiConformance() {
    }

    /** The hostile corpus for these operations. */
    public static List<Case> hostileCorpus(List<ApiOperations.Operation> operations, Tokens tokens) {
        List<Case> cases = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        for (ApiOperations.Operation op : operations) {
            paths.add(op.path());
            authentication(op, tokens, cases);
            if (op.roles().isEmpty()) {
                continue;
            }
            String token = tokens.forRole(op.roles().get(0));
            if (op.hasBody()) {
                bodies(op, token, cases);
            } else if (!op.readOnly()) {
                // a write without a body (start, stop, delete): hostile ids must not reach the store as anything
                pathValues(op, token, List.of("%00", "%FF%FE", "%7B%22%24gt%22%3A%22%22%7D", "a".repeat(3000)),
                        cases);
            }
            if (op.readOnly()) {
                pathValues(op, token, HOSTILE_VALUES, cases);
                queryValues(op, token, cases);
            }
        }
        String anyToken = operations.stream().filter(o -> !o.roles().isEmpty()).findFirst()
                .map(o -> tokens.forRole(o.roles().get(0))).orElse("none");
        for (String path : paths) {
            boolean declaresPatch = operations.stream().anyMatch(o -> o.path().equals(path)
                    && o.method().equals("PATCH"));
            if (!declaresPatch) {
                cases.add(new Case("PATCH (not declared) " + path, request("PATCH", sample(path), anyToken,
                        "application/json", "{}".getBytes(StandardCharsets.UTF_8)), Expectation.status(405)));
            }
        }
        String first = paths.iterator().next();
        cases.add(new Case("request target over the limit", request("GET", sample(first) + "?q=" + "a".repeat(9000),
                anyToken, null, null), Expectation.status(414)));
        Map<String, String> bigHeader = new LinkedHashMap<>(bearer(anyToken));
        bigHeader.put("X-Padding", "a".repeat(20_000));
        cases.add(new Case("headers over the limit", new RawHttp.Request("GET", sample(first), bigHeader, null),
                Expectation.status(431)));
        Map<String, String> manyHeaders = new LinkedHashMap<>(bearer(anyToken));
        for (int i = 0; i < 600; i++) {
            manyHeaders.put("X-H" + i, "v".repeat(40));
        }
        cases.add(new Case("600 headers", new RawHttp.Request("GET", sample(first), manyHeaders, null),
                Expectation.status(431)));
        return cases;
    }

    private static void authentication(ApiOperations.Operation op, Tokens tokens, List<Case> cases) {
        byte[] wrongBody = "not json at all".getBytes(StandardCharsets.UTF_8);
        String contentType = op.hasBody() ? "text/plain" : null;
        byte[] body = op.hasBody() ? wrongBody : null;
        cases.add(new Case(op + " without a token", request(op.method(), sample(op.path()), null, contentType, body),
                Expectation.status(401)));
        Map<String, String> basic = new LinkedHashMap<>();
        basic.put("Authorization", "Basic Zm9vOmJhcg==");
        if (contentType != null) {
            basic.put("Content-Type", contentType);
        }
        cases.add(new Case(op + " with basic credentials", new RawHttp.Request(op.method(), sample(op.path()), basic,
                body), Expectation.status(401)));
        tokens.forged().forEach((forgery, token) -> cases.add(new Case(op + " with a token " + forgery,
                request(op.method(), sample(op.path()), token, contentType, body), Expectation.status(401))));
    }

    private static void bodies(ApiOperations.Operation op, String token, List<Case> cases) {
        String target = sample(op.path());
        boolean json = op.bodyTypes().contains("application/json");
        if (json) {
            jsonBody(op, token, target, "malformed JSON", "{\"a\":", Expectation.status(400), cases);
            // an optional body left out (or null) asks for the defaults
            Expectation noBody = op.bodyRequired() ? Expectation.status(400) : Expectation.any();
            jsonBody(op, token, target, "an empty body", "", noBody, cases);
            jsonBody(op, token, target, "null", "null", noBody, cases);
            jsonBody(op, token, target, "a bare string", "\"x\"", Expectation.status(400), cases);
            jsonBody(op, token, target, "nesting 5,000 deep", "[".repeat(5000) + "]".repeat(5000),
                    Expectation.status(400), cases);
            jsonBody(op, token, target, "a 2,000-digit number", "[" + "9".repeat(2000) + "]",
                    Expectation.status(400), cases);
            ByteArrayOutputStream notUtf8 = new ByteArrayOutputStream();
            notUtf8.writeBytes("{\"x\":\"".getBytes(StandardCharsets.UTF_8));
            notUtf8.write(0xFF);
            notUtf8.write(0xFE);
            notUtf8.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            cases.add(new Case(op + " with a body that is not UTF-8", request(op.method(), target, token,
                    "application/json", notUtf8.toByteArray()), Expectation.status(400)));
            if (op.objectBody()) {
                jsonBody(op, token, target, "an array for an object", "[]", Expectation.status(400), cases);
                jsonBody(op, token, target, "an unknown field", "{\"zzUnknownField\":1}",
                        Expectation.badRequestNaming("zzUnknownField"), cases);
                int n = 0;
                for (Map.Entry<String, String> field : op.bodyFields().entrySet()) {
                    if (n++ == 0) {
                        String sample = sampleValue(field.getValue());
                        jsonBody(op, token, target, "a duplicate key " + field.getKey(), "{\"" + field.getKey()
                                + "\":" + sample + ",\"" + field.getKey() + "\":" + sample + "}",
                                Expectation.status(400), cases);
                    }
                    jsonBody(op, token, target, "a wrong type for " + field.getKey(), "{\"" + field.getKey() + "\":"
                            + wrongValue(field.getValue()) + "}", Expectation.badRequestNaming(field.getKey()), cases);
                    if (field.getValue().equals("number") || field.getValue().equals("integer")) {
                        jsonBody(op, token, target, "an overflowing " + field.getKey(), "{\"" + field.getKey()
                                + "\":1e999999}", Expectation.status(400), cases);
                    }
                }
            }
        }
        cases.add(new Case(op + " with a wrong content type", request(op.method(), target, token,
                "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)), Expectation.status(415)));
        Map<String, String> huge = new LinkedHashMap<>(bearer(token));
        huge.put("Content-Type", op.bodyTypes().get(0));
        huge.put("Content-Length", "5000000000");
        cases.add(new Case(op + " declaring a 5 GB body", new RawHttp.Request(op.method(), target, huge, null),
                Expectation.status(413)));
    }

    private static void jsonBody(ApiOperations.Operation op, String token, String target, String what, String body,
            Expectation expected, List<Case> cases) {
        cases.add(new Case(op + " with " + what, request(op.method(), target, token, "application/json",
                body.getBytes(StandardCharsets.UTF_8)), expected));
    }

    private static void pathValues(ApiOperations.Operation op, String token, List<String> values, List<Case> cases) {
        for (ApiOperations.Parameter p : op.parameters()) {
            if (!p.in().equals("path")) {
                continue;
            }
            for (String value : values) {
                String target = sample(op.path().replace("{" + p.name() + "}", value.isEmpty() ? "%20" : value));
                cases.add(new Case(op + " with path " + p.name() + "=" + abbreviate(value),
                        request(op.method(), target, token, null, null), Expectation.any()));
            }
        }
    }

    private static void queryValues(ApiOperations.Operation op, String token, List<Case> cases) {
        for (ApiOperations.Parameter p : op.parameters()) {
            if (!p.in().equals("query")) {
                continue;
            }
            for (String value : HOSTILE_VALUES) {
                cases.add(new Case(op + " with query " + p.name() + "=" + abbreviate(value),
                        request(op.method(), sample(op.path()) + "?" + p.name() + "=" + value, token, null, null),
                        Expectation.any()));
            }
            cases.add(new Case(op + " with query " + p.name() + " given twice", request(op.method(),
                    sample(op.path()) + "?" + p.name() + "=1&" + p.name() + "=2", token, null, null),
                    Expectation.any()));
        }
    }

    /**
     * The role matrix: each operation with no token (401), and with a token of each of {@code roles}: 403 when the
     * document does not list the role, neither 401 nor 403 when it does. Writes are sent a body that cannot be
     * accepted ({@code {"zzUnknownField":1}}), so an allowed role is refused at the body, after authorization,
     * and nothing is written.
     */
    public static List<Case> roleMatrix(List<ApiOperations.Operation> operations, Set<String> roles, Tokens tokens) {
        List<Case> cases = new ArrayList<>();
        for (ApiOperations.Operation op : operations) {
            String target = sample(op.path());
            String contentType = op.hasBody() ? op.bodyTypes().get(0) : null;
            byte[] body = op.hasBody() ? (contentType.equals("application/json") ? "{\"zzUnknownField\":1}" : "")
                    .getBytes(StandardCharsets.UTF_8) : null;
            cases.add(new Case(op + " as nobody", request(op.method(), target, null, contentType, body),
                    Expectation.status(401)));
            for (String role : roles) {
                boolean allowed = op.roles().contains(role);
                cases.add(new Case(op + " as " + role + (allowed ? " (allowed)" : " (not allowed)"),
                        request(op.method(), target, tokens.forRole(role), contentType, body),
                        allowed ? Expectation.pastAuthorization() : Expectation.status(403)));
            }
        }
        return cases;
    }

    /** The realm's roles. */
    public static final Set<String> ROLES = Set.of("ingest", "agent", "manager", "analyst", "admin");

    /**
     * Sends the hostile corpus of the service at {@code base} (its own OpenAPI document) and throws an
     * {@link AssertionError} listing every broken promise, or when {@code store} (what the API writes to) reads
     * differently afterwards. Returns the number of requests sent.
     */
    public static int assertHostileCorpusRefused(URI base, Tokens tokens, Supplier<?> store) {
        List<ApiOperations.Operation> operations = operations(base);
        List<Case> corpus = hostileCorpus(operations, tokens);
        if (corpus.size() < 15 * operations.size()) {
            throw new AssertionError("Only " + corpus.size() + " requests for " + operations.size() + " operations");
        }
        sendAndCheck(base, corpus, store);
        System.out.printf("API conformance: %d hostile requests over %d operations of %s refused as promised%n",
                corpus.size(), operations.size(), base);
        return corpus.size();
    }

    /** The role matrix of the service at {@code base}, checked like {@link #assertHostileCorpusRefused}. */
    public static int assertRoleMatrix(URI base, Tokens tokens, Supplier<?> store) {
        List<ApiOperations.Operation> operations = operations(base);
        List<String> undocumented = operations.stream().filter(op -> op.roles().isEmpty()).map(Object::toString)
                .toList();
        if (!undocumented.isEmpty()) {
            throw new AssertionError("Operations that document no role: " + undocumented);
        }
        List<Case> matrix = roleMatrix(operations, ROLES, tokens);
        sendAndCheck(base, matrix, store);
        System.out.printf("API conformance: role matrix of %d requests over %d operations of %s as documented%n",
                matrix.size(), operations.size(), base);
        return matrix.size();
    }

    private static List<ApiOperations.Operation> operations(URI base) {
        try {
            List<ApiOperations.Operation> operations = ApiOperations.of(base);
            if (operations.isEmpty()) {
                throw new AssertionError("The OpenAPI document at " + base + " declares no operation");
            }
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sendAndCheck(URI base, List<Case> cases, Supplier<?> store) {
        Object before = store.get();
        List<String> failures = run(new RawHttp(base), cases);
        if (!failures.isEmpty()) {
            throw new AssertionError(report(failures));
        }
        Object after = store.get();
        if (!before.equals(after)) {
            throw new AssertionError("Refused requests changed the store: before " + before + ", after " + after);
        }
    }

    /** Sends every case and returns a line per broken promise (empty when all were kept). */
    public static List<String> run(RawHttp http, List<Case> cases) {
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            RawHttp.Response answer;
            try {
                answer = http.send(c.request());
            } catch (IOException e) {
                failures.add(c.name() + ": no answer (" + e.getMessage() + ")");
                continue;
            }
            String broken = check(c.expected(), answer);
            if (broken != null) {
                failures.add(c.name() + ": " + broken + " [" + answer.status() + " " + answer.contentType() + " "
                        + abbreviate(answer.bodyText()) + "]");
            }
        }
        return failures;
    }

    /** The failures as a message: how many, and the first 60. */
    public static String report(List<String> failures) {
        return failures.size() + " broken promises:\n  " + String.join("\n  ",
                failures.subList(0, Math.min(60, failures.size())));
    }

    private static String check(Expectation expected, RawHttp.Response answer) {
        int status = answer.status();
        if (status >= 500) {
            return "a server error";
        }
        if (expected.authorized() && (status == 401 || status == 403)) {
            return "refused a role the document allows";
        }
        if (!expected.statuses().isEmpty() && !expected.statuses().contains(status)) {
            return "expected " + expected.statuses();
        }
        if (STACK_TRACE.matcher(answer.bodyText()).find()) {
            return "a stack trace or Java exception in the answer";
        }
        if (status < 400) {
            return null;
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "a refusal without a problem document";
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body());
        } catch (IOException e) {
            return "a problem document that is not JSON";
        }
        if (problem == null || problem.path("status").asInt() != status || problem.path("title").asText().isBlank()) {
            return "a problem document without its status and title";
        }
        String field = expected.namedField();
        if (field != null && status == 400) {
            boolean named = problem.path("detail").asText().contains(field);
            for (JsonNode v : problem.path("violations")) {
                named |= v.path("field").asText().equals(field) || v.path("field").asText().startsWith(field + ".")
                        || v.path("field").asText().startsWith(field + "[");
            }
            if (!named) {
                return "a 400 that does not name " + field;
            }
        }
        return null;
    }

    private static RawHttp.Request request(String method, String target, String token, String contentType,
            byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(token == null ? Map.of() : bearer(token));
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new RawHttp.Request(method, target, headers, body);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** The path with each template variable given a harmless value. */
    static String sample(String path) {
        return path.replaceAll("\\{[^}]+}", "conformance-probe");
    }

    private static String sampleValue(String type) {
        return switch (type) {
            case "number", "integer" -> "1";
            case "boolean" -> "true";
            case "array" -> "[]";
            case "object" -> "{}";
            default -> "\"x\"";
        };
    }

    /** A value of the wrong JSON type for a field of {@code type}. */
    private static String wrongValue(String type) {
        return switch (type) {
            case "number", "integer", "boolean", "enum" -> "\"not-a-" + type + "\"";
            case "array" -> "{\"not\":\"an array\"}";
            case "object" -> "\"not an object\"";
            default -> "{\"$gt\":\"\"}";
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
