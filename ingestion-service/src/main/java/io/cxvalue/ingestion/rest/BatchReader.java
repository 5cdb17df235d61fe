package io.cxvalue.ingestion.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.cxvalue.ingestion.config.IngestionConfig;
import io.cxvalue.support.rest.JsonBodyProblems;
import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import org.hibernate.validator.HibernateValidatorFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads the records of a batch body, a JSON array or NDJSON (one JSON object per line), each on its own: a record
 * that is not valid JSON of its kind, or breaks a constraint, is rejected with its reasons and the others go on.
 * Records are read with the service's strict ObjectMapper and checked with the same Bean Validation constraints as
 * single records, so a record means the same in both.
 */
@ApplicationScoped
public class BatchReader {

    public static final String NDJSON = "application/x-ndjson";

    private final ObjectMapper mapper;
    private final Validator validator;
    private final int maxRecords;

    public BatchReader(ObjectMapper mapper, ValidatorFactory validators, IngestionConfig config) {
        this.mapper = mapper;
        // The same constraints, without Hibernate Validator's per-validation cache of traversable-resolver answers:
        // Quarkus's resolver (no JPA here) finds every property reachable at no cost, so the cache only added a map
        // per record and a lookup per constraint, a large part of validating a batch (measured with ./cx bench).
        this.validator = validators.unwrap(HibernateValidatorFactory.class).usingContext()
                .enableTraversableResolverResultCache(false)
                .getValidator();
        this.maxRecords = config.batch().maxRecords();
    }

    /**
     * One record of a batch: valid ({@code value} set) or rejected ({@code violations} set).
     *
     * @param line the record's line for NDJSON and imports (1-based), null for a JSON array
     */
    public record Read<T>(int index, Integer line, T value, List<FieldViolation> violations) {

        public boolean valid() {
            return value != null;
        }

        static <T> Read<T> rejected(int index, Integer line, List<FieldViolation> violations) {
            return new Read<>(index, line, null, violations);
        }
    }

    public int maxRecords() {
        return maxRecords;
    }

    /**
     * @throws HttpProblem 400 when the body as a whole cannot be read (not a JSON array, malformed JSON array, no
     *                     records), 413 when it holds more than {@link #maxRecords()} records
     */
    public <T> List<Read<T>> read(String body, MediaType mediaType, Class<T> type) {
        List<Read<T>> records = mediaType != null && mediaType.isCompatible(MediaType.valueOf(NDJSON))
                ? readLines(body, type)
                : readArray(body, type);
        if (records.isEmpty()) {
            throw problem(Response.Status.BAD_REQUEST, "The batch holds no records");
        }
        return records;
    }

    /**
     * Reads the array element by element from one parser, each straight into the record type (no tree per element):
     * an element Jackson cannot map is skipped to its end and rejected, the others go on. Malformed JSON ends the
     * whole batch, since no element boundary can be trusted after it.
     */
    private <T> List<Read<T>> readArray(String body, Class<T> type) {
        ObjectReader reader = mapper.readerFor(type);
        List<Read<T>> records = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw problem(Response.Status.BAD_REQUEST, "A batch is a JSON array of records (or NDJSON, one "
                        + "record per line, as " + NDJSON + ")");
            }
            JsonStreamContext array = parser.getParsingContext();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw problem(Response.Status.BAD_REQUEST, "The body is not well-formed JSON (the array is not "
                            + "closed)");
                }
                checkSize(records.size() + 1);
                int index = records.size();
                T value;
                try {
                    value = reader.readValue(parser);
                } catch (JsonParseException e) {
                    throw JsonBodyProblems.problemFor(e, null);
                } catch (JsonProcessingException e) {
                    records.add(Read.rejected(index, null, List.of(FieldViolation.of(JsonBodyProblems.violationFor(e)))));
                    while (parser.getParsingContext() != array && parser.nextToken() != null) {
                        // skip the rest of the element that could not be mapped
                    }
                    continue;
                }
                records.add(validated(value, index, null));
            }
            if (parser.nextToken() != null) {
                throw problem(Response.Status.BAD_REQUEST, "The body holds more than one JSON array");
            }
        } catch (JsonParseException e) {
            throw JsonBodyProblems.problemFor(e, null);
        } catch (IOException e) {
            throw problem(Response.Status.BAD_REQUEST, "The body cannot be read");
        }
        return records;
    }

    private <T> List<Read<T>> readLines(String body, Class<T> type) {
        ObjectReader reader = mapper.readerFor(type);
        List<Read<T>> records = new ArrayList<>();
        int lineNumber = 0;
        for (String line : body.split("\r?\n", -1)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            checkSize(records.size() + 1);
            records.add(decode(reader, line, records.size(), lineNumber));
        }
        return records;
    }

    /** Reads and validates one record given as a JSON tree or as the text of one JSON object. */
    public <T> Read<T> decode(ObjectReader reader, Object json, int index, Integer line) {
        T value;
        try {
            value = json instanceof JsonNode node ? reader.readValue(node) : reader.readValue((String) json);
        } catch (JsonProcessingException e) {
            return Read.rejected(index, line, List.of(FieldViolation.of(JsonBodyProblems.violationFor(e))));
        } catch (IOException e) {
            return Read.rejected(index, line, List.of(new FieldViolation("", "cannot be read")));
        }
        return validated(value, index, line);
    }

    /** Checks a mapped record against its constraints. */
    private <T> Read<T> validated(T value, int index, Integer line) {
        if (value == null) {
            return Read.rejected(index, line, List.of(new FieldViolation("", "must be a JSON object")));
        }
        Set<ConstraintViolation<T>> found = validator.validate(value);
        if (found.isEmpty()) {
            return new Read<>(index, line, value, null);
        }
        List<FieldViolation> violations = found.stream()
                .map(FieldViolation::of)
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
                .toList();
        return Read.rejected(index, line, violations);
    }

    public ObjectReader readerFor(Class<?> type) {
        return mapper.readerFor(type);
    }

    private void checkSize(int records) {
        if (records > maxRecords) {
            throw problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, "A batch holds at most " + maxRecords
                    + " records; split it, or use a bulk import for files");
        }
    }

    private static HttpProblem problem(Response.Status status, String detail) {
        return Problems.of(status.getStatusCode(), status.getReasonPhrase(), detail);
    }
}
