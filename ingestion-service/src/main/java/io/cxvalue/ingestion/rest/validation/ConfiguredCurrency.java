package io.cxvalue.ingestion.rest.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The currency the deployment is configured for ({@code cx.ingestion.currency}); amounts are never converted. */
@Documented
@Constraint(validatedBy = ConfiguredCurrencyValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ConfiguredCurrency {

    String message() default "must be the configured currency";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
