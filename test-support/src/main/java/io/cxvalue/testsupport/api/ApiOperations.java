package io.cxvalue.testsupport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operations a service's OpenAPI document declares, with what the generated tests need of each. */
public final class ApiOperations {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    /** A parameter: its name, where it goes (path, query, header) and its JSON type. */
    public record Parameter(String name, String in, boolean required, String type) {
    }

    /**
     * An operation. {@code roles} are the realm roles its security requirement documents; {@code bodyTypes} the media
     * types it consumes, {@code bodyRequired} whether a body must be sent; {@code bodyFields} the top-level fields of a JSON object body with their JSON types (empty
     * when the body is not an object).
     */
    public record Operation(String method, String path, List<String> roles, List<Parameter> parameters,
            List<String> bodyTypes, boolean bodyRequired, boolean objectBody, Map<String, String> bodyFields, List<String> produces) {

        public boolean hasBody() {
            return !bodyTypes.isEmpty();
        }

        public boolean readOnly() {
            return method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private ApiOperations() {
    }

    /**
     * Fetches {@code base/q/openapi} and reads its operations. Over HTTP/1.1: the JDK client's default asks to upgrade
     * to HTTP/2 (h2c), which the server answered once with HTTP/1.1 bytes the client then read as HTTP/2 frames
     * ("Frame type(110) length(7238757) exceeds MAX_FRAME_SIZE").
     */
    public static List<Operation> of(URI base) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString());
        return parse(new ObjectMapper().readTree(answer.body()));
    }

    public static List<Operation> parse(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.add(operation(document, op.getKey().toUpperCase(), path.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    private static Operation operation(JsonNode document, String method, String path, JsonNode op) {
        List<String> roles = new ArrayList<>();
        for (JsonNode requirement : op.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText())));
        }
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode schema = resolve(document, p.path("schema"));
            parameters.add(new Parameter(p.path("name").asText(), p.path("in").asText(), p.path("required").asBoolean(),
                    schema.path("type").asText("string")));
        }
        List<String> bodyTypes = new ArrayList<>();
        op.path("requestBody").path("content").fieldNames().forEachRemaining(bodyTypes::add);
        Map<String, String> fields = new LinkedHashMap<>();
        boolean objectBody = false;
        JsonNode jsonBody = op.path("requestBody").path("content").path("application/json").path("schema");
        if (!jsonBody.isMissingNode()) {
            JsonNode schema = resolve(document, jsonBody);
            objectBody = "object".equals(schema.path("type").asText()) || schema.has("properties");
            schema.path("properties").fields().forEachRemaining(f ->
                    fields.put(f.getKey(), type(resolve(document, f.getValue()))));
        }
        List<String> produces = new ArrayList<>();
        op.path("responses").forEach(r -> r.path("content").fieldNames().forEachRemaining(t -> {
            if (!produces.contains(t)) {
                produces.add(t);
            }
        }));
        return new Operation(method, path, List.copyOf(roles), List.copyOf(parameters), List.copyOf(bodyTypes),
                op.path("requestBody").path("required").asBoolean(false), objectBody, fields, List.copyOf(produces));
    }

    private static String type(JsonNode schema) {
        if (schema.has("enum")) {
            return "enum";
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) { // OpenAPI 3.1: ["string", "null"]
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText(schema.has("properties") ? "object" : "string");
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asText();
            current = document.at(ref.substring(1));
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(document, current.path("allOf").get(0));
        }
        return current;
    }
}
