package io.cxvalue.support.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rewrites the problem for a body Jackson could not read so that it names the field and says what the field must be
 * in the vocabulary of JSON. Jackson's own messages name Java classes, which must not reach a client.
 */
@ApplicationScoped
public class JsonBodyProblems implements ProblemPostProcessor {

    /** Before the extension's logger (101), so that the log shows the problem the client is told. */
    @Override
    public int priority() {
        return 102;
    }

    /** Problems the extension built from a Jackson exception. */
    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        if (problem.getStatusCode() >= 500) {
            return problem;
        }
        // Quarkus REST's JSON reader may hand the parser's exception over wrapped in a 400 WebApplicationException
        for (Throwable t = context.cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException cause) {
                return problemFor(cause, problem.getInstance());
            }
        }
        return problem;
    }

    /**
     * Jackson exceptions the extension leaves to Quarkus' own mapper, which answers with a non-standard body
     * (or none); mapped here at a higher priority than that one.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException cause, UriInfo uriInfo) {
        return problemFor(cause, Problems.instance(uriInfo)).toResponse();
    }

    public static HttpProblem problemFor(JsonProcessingException cause, URI instance) {
        HttpProblem.Builder rewritten = HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withInstance(instance);
        String field = cause instanceof JsonMappingException mapping ? path(mapping) : "";
        if (cause instanceof JsonParseException parse) {
            rewritten.withDetail("The body is not well-formed JSON (line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + ")");
        } else if (cause instanceof UnrecognizedPropertyException) {
            rewritten.withDetail("The body has a field this API does not know");
            violation(rewritten, field, "is not a known field");
        } else if (cause instanceof MismatchedInputException mismatch && !field.isEmpty()) {
            rewritten.withDetail("A field in the body has the wrong type");
            violation(rewritten, field, "must be " + jsonKind(mismatch.getTargetType()));
        } else if (cause instanceof MismatchedInputException mismatch) {
            rewritten.withDetail("The body must be a JSON " + jsonKind(mismatch.getTargetType()).replace("an ", ""));
        } else if (!field.isEmpty()) {
            rewritten.withDetail("A value in the body is invalid");
            violation(rewritten, field, "is invalid");
        } else {
            rewritten.withDetail("The body is not valid JSON");
        }
        return rewritten.build();
    }

    /** What is wrong with one record of a batch that Jackson could not read, in the words of JSON. */
    public static Problems.Violation violationFor(JsonProcessingException cause) {
        String field = cause instanceof JsonMappingException mapping ? path(mapping) : "";
        if (cause instanceof JsonParseException parse) {
            return new Problems.Violation("", "is not well-formed JSON (column "
                    + parse.getLocation().getColumnNr() + ")");
        }
        if (cause instanceof UnrecognizedPropertyException) {
            return new Problems.Violation(field, "is not a known field");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return new Problems.Violation(field, "must be " + jsonKind(mismatch.getTargetType()));
        }
        return new Problems.Violation(field, field.isEmpty() ? "is not valid JSON" : "is invalid");
    }

    private static void violation(HttpProblem.Builder problem, String field, String message) {
        problem.with("violations", List.of(Map.of("field", field, "in", "body", "message", message)));
    }

    /** How a Java target type looks in JSON, for a client who writes JSON. */
    static String jsonKind(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp with offset, such as 2026-03-14T09:26:53Z";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** The JSON path of the offending value, e.g. {@code sale.amount} or {@code [3].channel}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
