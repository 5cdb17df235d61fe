package io.cxvalue.ingestion.rest.validation;

import io.cxvalue.ingestion.config.IngestionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

@ApplicationScoped
public class ConfiguredCurrencyValidator implements ConstraintValidator<ConfiguredCurrency, String> {

    // Looked up per call: validators are created while the application starts, before config mappings exist.
    private final Provider<IngestionConfig> config;

    public ConfiguredCurrencyValidator(Provider<IngestionConfig> config) {
        this.config = config;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.equals(config.get().currency())) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must be " + config.get().currency()
                        + ", the currency this deployment reports in")
                .addConstraintViolation();
        return false;
    }
}
