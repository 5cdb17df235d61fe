package io.cxvalue.ingestion.rest.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An instant no further in the future than the configured clock-skew tolerance ({@code cx.ingestion.future-tolerance}). */
@Documented
@Constraint(validatedBy = NotFarFutureValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NotFarFuture {

    String message() default "must not lie in the future";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
