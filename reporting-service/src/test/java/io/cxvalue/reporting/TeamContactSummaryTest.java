package io.cxvalue.reporting;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TeamContactSummaryTest {

    @Test
    void averagesHandleTimeOverHandledContactsOnly() {
        TeamContactSummary summary = TeamContactSummary.of("team-a", 2, 1, 630);

        assertThat(summary.contacts(), equalTo(3L));
        assertThat(summary.handled(), equalTo(2L));
        assertThat(summary.abandoned(), equalTo(1L));
        assertThat(summary.averageHandleSeconds(), equalTo(315.0));
    }

    @Test
    void hasNoAverageWithoutHandledContacts() {
        assertThat(TeamContactSummary.of("team-a", 0, 4, 0).averageHandleSeconds(), nullValue());
        assertThat(TeamContactSummary.of("team-a", 0, 0, 0).contacts(), equalTo(0L));
    }

    @Test
    void keepsFractionsOfASecond() {
        assertThat(TeamContactSummary.of("team-a", 3, 0, 1000).averageHandleSeconds(), equalTo(1000.0 / 3));
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStarts() {
        Instant start = Instant.parse("2025-03-02T00:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> new ReportingPeriod(start, start.minusMillis(1)));
        assertThat(new ReportingPeriod(start, start).end().orElseThrow(), equalTo(start));
    }
}
