package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.scoring.ScoringDatabase;
import io.cxvalue.testsupport.CloudEventRecords;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.cxvalue.scoring.CustomerEvents.survey;
import static io.cxvalue.scoring.CustomerStateApi.awaitState;
import static io.cxvalue.scoring.CustomerStateApi.getState;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** cx.feedback through the real broker and database, read back through the state API. */
@QuarkusTest
class FeedbackConsumerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-04-01T00:00:00Z");

    @Test
    void keepsTheScoresOfEachResponseOnceEvenWhenDeliveredTwice() {
        String customerId = newCustomerId();
        SurveyResponded first = survey(customerId, T0, 2, 5, 6, 2, null);
        String eventId = UUID.randomUUID().toString();
        CloudEventRecords.publish(first, eventId);
        CloudEventRecords.publish(first, eventId);
        CloudEventRecords.publish(survey(customerId, T0.plusSeconds(3600), 4, null, 3, null, null));

        awaitState(customerId, AS_OF, state -> state.getInt("surveys.responses") == 2)
                .body("surveys.lastCsat", equalTo(4))
                .body("surveys.lastCsatAt", equalTo("2026-03-01T11:00:00Z"))
                .body("surveys.lastNps", equalTo(5))
                .body("surveys.npsCategory", equalTo("DETRACTOR"))
                .body("surveys.lastCes", equalTo(3))
                .body("surveys.lastFeltValued", equalTo(2));
        assertEquals(2, ScoringDatabase.count("select count(*) from survey_response where customer_id = ?",
                customerId));
    }

    @Test
    void dropsTheComment() {
        String customerId = newCustomerId();
        String comment = "Call me on +447700900123, my name is Ada " + UUID.randomUUID();
        SurveyResponded response = survey(customerId, T0, 5, 10, null, 5, comment);
        CloudEventRecords.publish(response);

        awaitState(customerId, AS_OF, state -> state.getInt("surveys.responses") == 1)
                .body("surveys.npsCategory", equalTo("PROMOTER"));
        getState(customerId, AS_OF).then().body(not(containsString("Ada")));
        assertEquals(0, ScoringDatabase.count("select count(*) from information_schema.columns "
                + "where table_name = 'survey_response' and column_name like '%comment%'"));
        assertEquals(1, ScoringDatabase.count("select count(*) from survey_response where response_id = ? "
                + "and csat = 5 and nps = 10 and ces is null and felt_valued = 5", response.responseId()));
    }

    @Test
    void malformedRecordsAreDeadLetteredAndTheConsumerKeepsGoing() {
        String customerId = newCustomerId();
        String bad = DeadLetters.sendUnparsable(EventType.SURVEY_RESPONDED, customerId);
        CloudEventRecords.publish(survey(customerId, T0, 3, 7, null, null, null));

        awaitState(customerId, AS_OF, state -> state.getInt("surveys.responses") == 1)
                .body("surveys.npsCategory", equalTo("PASSIVE"));
        DeadLetters.assertDeadLettered(Topics.FEEDBACK, customerId, bad, "Payload is not JSON");
    }
}
