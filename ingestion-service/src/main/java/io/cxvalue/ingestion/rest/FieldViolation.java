package io.cxvalue.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.validation.ConstraintViolation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.regex.Pattern;

/** What is wrong with one field of a record, as problem+json {@code violations} and batch results report it. */
@Schema(name = "FieldViolation")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldViolation(
        @Schema(description = "Path of the field in the record, e.g. sale.amount; empty for the record as a whole")
        String field,
        String message) {

    /** Hibernate Validator's container-element nodes ({@code <list element>}), which mean nothing to a client. */
    private static final Pattern CONTAINER_NODE = Pattern.compile("\\.?<[^>]+>");

    static FieldViolation of(ConstraintViolation<?> violation) {
        return new FieldViolation(CONTAINER_NODE.matcher(violation.getPropertyPath().toString()).replaceAll(""),
                violation.getMessage());
    }

    static FieldViolation of(Problems.Violation violation) {
        return new FieldViolation(violation.field(), violation.message());
    }

    /** The customer the record names by {@code customerId} was erased: nothing more is recorded about them. */
    static FieldViolation erasedCustomer() {
        return new FieldViolation("customerId",
                "names a customer whose personal data was erased; nothing more is recorded about them");
    }

    /** A 400 problem naming this field of the body. */
    HttpProblem toProblem(String detail) {
        return Problems.invalid(detail, "body", List.of(new Problems.Violation(field, message)));
    }

    /** A field the request is wrong about, found after Bean Validation (e.g. an identity that cannot be read). */
    public static final class InvalidFieldException extends RuntimeException {

        private final transient FieldViolation violation;

        InvalidFieldException(FieldViolation violation) {
            super(violation.field() + " " + violation.message(), null, false, false);
            this.violation = violation;
        }

        FieldViolation violation() {
            return violation;
        }
    }
}
