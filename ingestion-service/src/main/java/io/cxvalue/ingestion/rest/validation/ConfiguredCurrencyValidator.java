package io.cxvalue.ingestion.rest.validation;

import io.cxvalue.ingestion.config.IngestionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

@ApplicationScoped
public class ConfiguredCurrencyValidator implements ConstraintValidator<ConfiguredCurrency, String> {

    // Looked up on first use: validators are created while the application starts, before config mappings exist.
    private final Provider<IngestionConfig> config;
    // Kept once read: every lookup of the (dependent) config mapping builds a new instance.
    private volatile String currency;

    public ConfiguredCurrencyValidator(Provider<IngestionConfig> config) {
        this.config = config;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String currency = currency();
        if (value == null || value.equals(currency)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must be " + currency
                        + ", the currency this deployment reports in")
                .addConstraintViolation();
        return false;
    }

    private String currency() {
        String current = currency;
        if (current == null) {
            current = config.get().currency();
            currency = current;
        }
        return current;
    }
}
