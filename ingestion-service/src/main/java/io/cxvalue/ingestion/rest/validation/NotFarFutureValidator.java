package io.cxvalue.ingestion.rest.validation;

import io.cxvalue.ingestion.config.IngestionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

@ApplicationScoped
public class NotFarFutureValidator implements ConstraintValidator<NotFarFuture, Instant> {

    // Looked up on first use: validators are created while the application starts, before config mappings exist.
    private final Provider<IngestionConfig> config;
    private final Clock clock;
    // Kept once read: every lookup of the (dependent) config mapping builds a new instance, which cost more than the
    // check itself when a batch validates a thousand records.
    private volatile Duration tolerance;

    public NotFarFutureValidator(Provider<IngestionConfig> config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Duration tolerance = tolerance();
        if (!value.isAfter(clock.instant().plus(tolerance))) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(
                        "must not lie more than " + tolerance.toSeconds() + " s in the future")
                .addConstraintViolation();
        return false;
    }

    private Duration tolerance() {
        Duration current = tolerance;
        if (current == null) {
            current = config.get().futureTolerance();
            tolerance = current;
        }
        return current;
    }
}
