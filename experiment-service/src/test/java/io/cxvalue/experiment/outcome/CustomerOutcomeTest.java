package io.cxvalue.experiment.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cxvalue.contracts.events.TransactionKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

class CustomerOutcomeTest {

    static final Instant EXPOSED = Instant.parse("2026-03-10T10:00:00Z");
    static final OutcomeRules RULES = new OutcomeRules(Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(7),
            0.9, 0.5);

    static long keys;

    static CustomerEvent contact(double days, String reason, int handleSeconds, boolean abandoned) {
        return new CustomerEvent("c", at(days), ++keys, CustomerEvent.Kind.CONTACT, reason, handleSeconds, abandoned,
                null, null, null, null, null, null, null, null, null, null);
    }

    static CustomerEvent survey(double days, Integer csat, Integer nps, Integer ces, Integer felt) {
        return new CustomerEvent("c", at(days), ++keys, CustomerEvent.Kind.SURVEY, null, null, null, csat, nps, ces,
                felt, null, null, null, null, null, null);
    }

    static CustomerEvent transaction(double days, TransactionKind kind, double amount) {
        return new CustomerEvent("c", at(days), ++keys, CustomerEvent.Kind.TRANSACTION, null, null, null, null, null,
                null, null, kind == TransactionKind.PURCHASE ? amount : -amount, kind, null, null, null, null);
    }

    static CustomerEvent score(double days, double clv, Double cx) {
        return new CustomerEvent("c", at(days), ++keys, CustomerEvent.Kind.SCORE, null, null, null, null, null, null,
                null, null, null, clv, cx, null, null);
    }

    static Instant at(double days) {
        return EXPOSED.plus(Duration.ofSeconds(Math.round(days * 86_400)));
    }

    @Test
    void everyMeasureByHand() {
        List<CustomerEvent> history = new ArrayList<>(List.of(
                // pre-period: two contacts (one abandoned), a purchase of 40 and a cancellation, a score
                contact(-20, "billing", 600, false), contact(-3, "billing", 0, true),
                transaction(-10, TransactionKind.PURCHASE, 40), transaction(-5, TransactionKind.CANCELLATION, 15),
                score(-40, 500, 0.2), score(-2, 520, 0.7),
                // outside everything: before the pre-period, after the window
                transaction(-31, TransactionKind.PURCHASE, 999), transaction(30.5, TransactionKind.PURCHASE, 999),
                // the window: the exposing contact (5 min), a repeat 2 days later (3 min) and a new issue of another
                // reason at day 20 (2 min, no repeat), an abandoned follow-up on day 1
                contact(0, "billing", 300, false), contact(1, "billing", 0, true), contact(2, "billing", 180, false),
                contact(20, "tech", 120, false),
                survey(0.1, 5, 10, 2, 4), survey(2.1, 3, 6, 5, null), survey(21, null, 8, null, 2),
                transaction(3, TransactionKind.PURCHASE, 100), transaction(4, TransactionKind.REFUND, 30),
                score(10, 560, 0.8), score(25, 600, 0.9)));
        Collections.shuffle(history, new java.util.Random(7));
        CustomerOutcome o = CustomerOutcome.compute(EXPOSED, history, RULES);

        assertEquals(1, o.y(Measure.CSAT_TOP2));
        assertEquals(2, o.x(Measure.CSAT_TOP2));
        assertEquals(1, o.y(Measure.FELT_VALUED));
        assertEquals(2, o.x(Measure.FELT_VALUED));
        assertEquals(0, o.y(Measure.NPS)); // one promoter, one detractor, one passive
        assertEquals(3, o.x(Measure.NPS));
        assertEquals(7, o.y(Measure.CUSTOMER_EFFORT));
        assertEquals(2, o.x(Measure.CUSTOMER_EFFORT));
        // follow-ups: days 1 and 2 are within 7 days after exposure; day 20 is not
        assertEquals(2, o.y(Measure.FOLLOW_UP_CONTACTS));
        assertEquals(2, o.x(Measure.FOLLOW_UP_CONTACTS));
        // issues opened in the window: billing at 0 (repeated on day 2) and tech at 20 (resolved first time)
        assertEquals(1, o.y(Measure.FIRST_CONTACT_RESOLUTION));
        assertEquals(2, o.x(Measure.FIRST_CONTACT_RESOLUTION));
        assertEquals(600, o.y(Measure.HANDLE_TIME));
        assertEquals(3, o.x(Measure.HANDLE_TIME));
        assertEquals(70, o.y(Measure.REVENUE), 1e-12);
        assertEquals(25, o.x(Measure.REVENUE), 1e-12);
        assertEquals(0, o.y(Measure.CANCELLATION_RATE));
        assertEquals(1, o.x(Measure.CANCELLATION_RATE));
        assertEquals(1, o.y(Measure.RETENTION));
        assertEquals(1, o.x(Measure.RETENTION));
        assertEquals(80, o.y(Measure.CLV_CHANGE), 1e-12);
        assertEquals(520, o.x(Measure.CLV_CHANGE), 1e-12);
        double cost = 10 * 0.9 + 3 * 0.5; // 600 s of handled contacts in the window, 3 handled contacts
        assertEquals(cost, o.y(Measure.AGENT_COST), 1e-12);
        assertEquals(10 * 0.9 + 0.5, o.x(Measure.AGENT_COST), 1e-12);
        assertEquals(70 + 80 - cost, o.y(Measure.NET_VALUE), 1e-12);
        assertEquals(25 - 9.5, o.x(Measure.NET_VALUE), 1e-12);
        assertEquals(0.7, o.y(Measure.CX_SCORE_AT_EXPOSURE), 1e-12);
    }

    @Test
    void anIssueOpenedBeforeExposureIsNotANewOne() {
        CustomerOutcome o = CustomerOutcome.compute(EXPOSED,
                List.of(contact(-6, "billing", 60, false), contact(0, "billing", 60, false)), RULES);
        assertEquals(0, o.x(Measure.FIRST_CONTACT_RESOLUTION));
        CustomerOutcome later = CustomerOutcome.compute(EXPOSED,
                List.of(contact(-8, "billing", 60, false), contact(0, "billing", 60, false)), RULES);
        assertEquals(1, later.x(Measure.FIRST_CONTACT_RESOLUTION));
        assertEquals(1, later.y(Measure.FIRST_CONTACT_RESOLUTION));
    }

    @Test
    void neverScoredBeforeExposureMeasuresTheChangeFromTheFirstScoreInTheWindow() {
        CustomerOutcome o = CustomerOutcome.compute(EXPOSED, List.of(score(3, 100, null), score(9, 130, null)), RULES);
        assertEquals(30, o.y(Measure.CLV_CHANGE), 1e-12);
        assertEquals(0, o.x(Measure.CLV_CHANGE));
        assertEquals(0, o.y(Measure.CX_SCORE_AT_EXPOSURE));
    }

    @Test
    void noHistoryIsAllZero() {
        CustomerOutcome o = CustomerOutcome.compute(EXPOSED, List.of(), RULES);
        assertEquals(new CustomerOutcome(new double[Measure.count()], new double[Measure.count()]), o);
    }
}
