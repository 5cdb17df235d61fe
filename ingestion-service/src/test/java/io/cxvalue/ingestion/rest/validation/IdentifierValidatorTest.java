package io.cxvalue.ingestion.rest.validation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifierValidatorTest {

    private static final Pattern ID = Pattern.compile(Identifiers.ID_PATTERN);

    private final IdentifierValidator validator = new IdentifierValidator();

    @Test
    void nullIsValid() {
        assertTrue(validator.isValid(null, null));
    }

    /** The validator is the regular expression's rule: every one- and two-character string of the first 384. */
    @Test
    void agreesWithThePatternOnEveryShortString() {
        List<String> samples = new ArrayList<>(List.of("", "genesys", "a.b_c:d@e/f+g-h", "-a", ".a", "a b", "a\n",
                "ä1", "1ä", "A".repeat(200), "x\u0000", "call-2026/11/23+0100"));
        for (char first = 0; first < 384; first++) {
            samples.add(String.valueOf(first));
            for (char second = 0; second < 384; second++) {
                samples.add("" + first + second);
            }
        }
        for (String sample : samples) {
            assertEquals(ID.matcher(sample).matches(), validator.isValid(sample, null), () -> "for '" + sample + "'");
        }
    }
}
