package io.cxvalue.reporting.contact;

import io.cxvalue.contracts.events.InteractionRecorded;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.cxvalue.reporting.InteractionEvents.abandoned;
import static io.cxvalue.reporting.InteractionEvents.handled;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

class ContactFactTest {

    private static final Instant STARTED_AT = Instant.parse("2025-03-03T09:00:00Z");

    @Test
    void keepsTheInteractionFacts() {
        InteractionRecorded event = handled("team-a", "cust-1", STARTED_AT, 300, 10, 20);

        ContactFact fact = ContactFact.of(event);

        assertThat(fact.interactionId(), equalTo(event.interactionId()));
        assertThat(fact.customerId(), equalTo("cust-1"));
        assertThat(fact.teamId(), equalTo("team-a"));
        assertThat(fact.startedAt(), equalTo(STARTED_AT));
        assertThat(fact.handleSeconds(), equalTo(330));
        // started, 12 s in queue, 330 s handled
        assertThat(fact.endedAt(), equalTo(STARTED_AT.plusSeconds(342)));
    }

    @Test
    void countsMissingDurationsAsZeroHandleTime() {
        ContactFact fact = ContactFact.of(abandoned("team-a", "cust-1", STARTED_AT));

        assertThat(fact.talkSeconds(), nullValue());
        assertThat(fact.handleSeconds(), equalTo(0));
    }
}
