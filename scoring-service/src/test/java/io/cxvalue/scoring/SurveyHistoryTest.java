package io.cxvalue.scoring;

import io.cxvalue.scoring.SurveyHistory.NpsCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static io.cxvalue.scoring.CustomerEvents.survey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SurveyHistoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @ParameterizedTest
    @CsvSource({"0,DETRACTOR", "6,DETRACTOR", "7,PASSIVE", "8,PASSIVE", "9,PROMOTER", "10,PROMOTER"})
    void npsCategories(int nps, NpsCategory category) {
        assertEquals(category, NpsCategory.of(nps));
    }

    @Test
    void npsOutsideTheScaleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NpsCategory.of(11));
    }

    @Test
    void eachQuestionsLatestAnswerWinsAndASkippedQuestionHidesNothing() {
        List<SurveyResponse> responses = List.of(
                SurveyResponse.of(survey("c-1", T0, 2, 4, 6, 1, null), "c-1"),
                SurveyResponse.of(survey("c-1", T0.plusSeconds(60), 5, null, null, 4, null), "c-1"),
                SurveyResponse.of(survey("c-1", T0.plusSeconds(120), null, 9, null, null, null), "c-1"));

        SurveyHistory history = SurveyHistory.of(responses, T0.plusSeconds(3600));
        assertEquals(3, history.responses());
        assertEquals(5, history.lastCsat());
        assertEquals(T0.plusSeconds(60), history.lastCsatAt());
        assertEquals(9, history.lastNps());
        assertEquals(NpsCategory.PROMOTER, history.npsCategory());
        assertEquals(6, history.lastCes());
        assertEquals(4, history.lastFeltValued());

        SurveyHistory earlier = SurveyHistory.of(responses, T0.plusSeconds(30));
        assertEquals(1, earlier.responses());
        assertEquals(NpsCategory.DETRACTOR, earlier.npsCategory());
        assertEquals(1, earlier.lastFeltValued());

        assertNull(SurveyHistory.of(responses, T0.minusSeconds(1)).npsCategory());
    }
}
