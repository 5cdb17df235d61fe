package io.cxvalue.contracts;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.contracts.events.CrossSellRule;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.contracts.events.ExperimentStarted;
import io.cxvalue.contracts.events.ExperimentDecided;
import io.cxvalue.contracts.events.ExperimentStopped;
import io.cxvalue.contracts.events.ExperimentVariant;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.events.HandlingInstruction;
import io.cxvalue.contracts.events.HandlingMode;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.contracts.events.IdentityLinked;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.Sale;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.contracts.events.ValueDriversAnalysed;
import io.cxvalue.contracts.events.VariantAssigned;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A realistic, fully populated example of every event type, and a minimal one where fields are optional. */
final class ExampleEvents {

    static final Instant T = Instant.parse("2026-03-14T09:26:53.589Z");

    private ExampleEvents() {
    }

    static Map<EventType, List<CxEvent>> all() {
        return Map.ofEntries(
                Map.entry(EventType.CUSTOMER_UPSERTED, List.of(
                        new CustomerUpserted("c-1", "Ada Lovelace",
                                List.of(new Identity(IdentityKind.PHONE, "+447700900123", null),
                                        new Identity(IdentityKind.EMAIL, "ada@example.com", null),
                                        new Identity(IdentityKind.SOCIAL, "@ada", "x"),
                                        new Identity(IdentityKind.CRM_ID, "CRM-991", null)),
                                Map.of("segment", "premium"), T),
                        new CustomerUpserted("c-2", null, List.of(), null, T))),
                Map.entry(EventType.IDENTITY_LINKED, List.of(
                        new IdentityLinked("c-1", new Identity(IdentityKind.PHONE, "+447700900124", null), T))),
                Map.entry(EventType.CUSTOMERS_MERGED, List.of(
                        new CustomersMerged("c-1", List.of("c-7", "c-9"), T))),
                Map.entry(EventType.INTERACTION_RECORDED, List.of(
                        new InteractionRecorded("i-1", "genesys", "call-123", "c-1", Channel.VOICE, Direction.INBOUND,
                                T, 12, 240, 30, 45, false, "agent-7", "team-a", "care", "billing", 1, true, -0.4,
                                new Sale(true, true, "fibre-500", new BigDecimal("29.99"), "EUR"), "spring",
                                new ExperimentVariant("exp-1", "unlimited-time"), "q-billing"),
                        new InteractionRecorded("i-2", "web", "visit-9", "c-2", Channel.WEB, Direction.INBOUND,
                                T, null, null, null, null, true, null, null, null, null, 0, null, null, null, null,
                                null))),
                Map.entry(EventType.SURVEY_RESPONDED, List.of(
                        new SurveyResponded("r-1", "qualtrics", "resp-1", "c-1", "i-1", T, 4, 9, 2, 5, null,
                                List.of(new CommentTerm("quick", "quick"), new CommentTerm("kind", "kind"))),
                        new SurveyResponded("r-2", "qualtrics", "resp-2", "c-2", null, T, null, 3, null, null, null))),
                Map.entry(EventType.QUALITY_EVALUATED, List.of(
                        new QualityEvaluated("q-1", "qa-tool", "eval-1", "c-1", "i-1", "agent-7", "team-a", "eva",
                                87.5, Map.of("empathy", 90.0, "accuracy", 85.0), T))),
                Map.entry(EventType.TRANSACTION_RECORDED, List.of(
                        new TransactionRecorded("t-1", "shop", "order-1", "c-1", TransactionKind.PURCHASE,
                                new BigDecimal("59.90"), "EUR", "fibre-500", T, "i-1", null),
                        new TransactionRecorded("t-2", "shop", "cancel-1", "c-1", TransactionKind.CANCELLATION,
                                new BigDecimal("59.90"), "EUR", null, T, null, "t-1"))),
                Map.entry(EventType.CUSTOMER_SCORED, List.of(
                        new CustomerScored("c-1", "clv-3", new BigDecimal("412.50"), "EUR", 12, 3.2, 0.87,
                                new BigDecimal("35.08"), "GOLD", "LOW", 0.81, "INFERRED", T))),
                Map.entry(EventType.EXPERIMENT_STARTED, List.of(
                        new ExperimentStarted("exp-1", "Unlimited time for gold callers", "3f9c2a71e5b84d06",
                                List.of(new ExperimentVariantDefinition("control", 2, true,
                                                new HandlingInstruction(HandlingMode.STANDARD, 360, null,
                                                        "Handle as usual.")),
                                        new ExperimentVariantDefinition("unlimited-time", 1, false,
                                                new HandlingInstruction(HandlingMode.TAKE_TIME, null,
                                                        CrossSellRule.AVOID,
                                                        "Take all the time this caller needs; no sales offer.")),
                                        new ExperimentVariantDefinition("quick.offer_v2", 1, false,
                                                new HandlingInstruction(HandlingMode.EFFICIENT, 240,
                                                        CrossSellRule.OFFER,
                                                        "Resolve quickly, then offer the fibre upgrade."))),
                                new Eligibility(List.of(Channel.VOICE, Channel.CHAT), List.of("billing", "outage"),
                                        List.of("team-a"), List.of("GOLD", "PLATINUM")),
                                28, T, "analyst-ann"),
                        new ExperimentStarted("exp-2", "Efficient handling", "s",
                                List.of(new ExperimentVariantDefinition("A", 1, true,
                                                new HandlingInstruction(HandlingMode.STANDARD, null, null, "As usual.")),
                                        new ExperimentVariantDefinition("B", 1, false,
                                                new HandlingInstruction(HandlingMode.EFFICIENT, null, null,
                                                        "Keep it short."))),
                                new Eligibility(List.of(), List.of(), List.of(), List.of()),
                                1, T, "analyst-bob"))),
                Map.entry(EventType.EXPERIMENT_STOPPED, List.of(
                        new ExperimentStopped("exp-1", T, "analyst-ann", "Guardrail breached: CSAT fell"),
                        new ExperimentStopped("exp-2", T, "analyst-bob", null))),
                Map.entry(EventType.EXPERIMENT_DECIDED, List.of(
                        new ExperimentDecided("exp-1", "Unlimited time for GOLD", "unlimited-time",
                                new HandlingInstruction(HandlingMode.TAKE_TIME, null, CrossSellRule.AVOID,
                                        "Take the time this caller needs."), true, List.of("GOLD", "SILVER"), T,
                                "analyst-ann", "Revenue up 4.10 EUR per customer for GOLD and SILVER"),
                        new ExperimentDecided("exp-2", "Cross-sell timing", "control",
                                new HandlingInstruction(HandlingMode.STANDARD, 300, null, "Keep to the target."),
                                false, List.of(), T, "analyst-bob", "No effect"))),
                Map.entry(EventType.VARIANT_ASSIGNED, List.of(
                        new VariantAssigned("a-1", "exp-1", "unlimited-time", "c-1", T))),
                Map.entry(EventType.ERASURE_REQUESTED, List.of(new ErasureRequested("e-1", "c-1", T))),
                Map.entry(EventType.ERASURE_COMPLETED, List.of(
                        new ErasureCompleted("e-1", "c-1", "scoring-service", T))),
                Map.entry(EventType.VALUE_DRIVERS_ANALYSED, List.of(
                        new ValueDriversAnalysed("vd-1", T, T, 3, "EUR", List.of(
                                new ValueDriversAnalysed.Driver("UNRESOLVED", 629.0, -14.7, 31419.0, 25331.0, 37507.0),
                                new ValueDriversAnalysed.Driver("TRANSFERRED", 431.0, 0.4, null, null, null))),
                        new ValueDriversAnalysed("vd-2", T, T, 1, "USD", List.of()))));
    }
}
