package io.cxvalue.ingestion.rest.validation;

import io.cxvalue.ingestion.config.IngestionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.time.Clock;
import java.time.Instant;

@ApplicationScoped
public class NotFarFutureValidator implements ConstraintValidator<NotFarFuture, Instant> {

    // Looked up per call: validators are created while the application starts, before config mappings exist.
    private final Provider<IngestionConfig> config;
    private final Clock clock;

    public NotFarFutureValidator(Provider<IngestionConfig> config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (!value.isAfter(clock.instant().plus(config.get().futureTolerance()))) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(
                        "must not lie more than " + config.get().futureTolerance().toSeconds() + " s in the future")
                .addConstraintViolation();
        return false;
    }
}
