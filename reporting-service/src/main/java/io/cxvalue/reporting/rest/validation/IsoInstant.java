package io.cxvalue.reporting.rest.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The text is an ISO-8601 instant with a zone offset, such as {@code 2025-03-01T00:00:00Z} or
 * {@code 2025-03-01T00:00:00+01:00}. Null is valid (an optional parameter).
 * <p>
 * Query parameters are taken as text and checked with this constraint because a failed JAX-RS conversion of a query
 * parameter is a 404 by the specification, and the client deserves a 400 naming the parameter.
 */
@Documented
@Constraint(validatedBy = IsoInstantValidator.class)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoInstant {

    String message() default "must be an ISO-8601 instant such as 2025-03-01T00:00:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
