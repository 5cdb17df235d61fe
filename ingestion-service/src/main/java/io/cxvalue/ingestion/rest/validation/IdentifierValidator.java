package io.cxvalue.ingestion.rest.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link Identifiers#ID_PATTERN} character by character. It is the same rule as matching the regular
 * expression (as {@code @Pattern} did), without a regex match for each of the half-dozen id fields of every record:
 * that was a large part of validating a batch ({@code ./cx bench ingestion}).
 */
public class IdentifierValidator implements ConstraintValidator<Identifier, String> {

    /** The characters besides ASCII letters and digits that may follow the first one. */
    private static final String SEPARATORS = "._:@/+-";

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (value.isEmpty() || !isAsciiLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && SEPARATORS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
