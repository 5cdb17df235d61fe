package io.cxvalue.ingestion.rest.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An id from a channel system ({@link Identifiers}): at most 128 characters of a safe alphabet; null is valid. The
 * alphabet is {@link Identifiers#ID_PATTERN}, checked by {@link IdentifierValidator}.
 */
@Documented
@Size(max = Identifiers.ID_MAX)
@Constraint(validatedBy = IdentifierValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Identifier {

    String message() default Identifiers.ID_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
