package io.cxvalue.reporting;

import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.Sale;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events as ingestion publishes them, built field by field for hand-built KPI sequences. */
public final class Events {

    private Events() {
    }

    public static Contact contact(String teamId, String customerId, Instant startedAt) {
        return new Contact(teamId, customerId, startedAt);
    }

    /** An interaction: by default a handled inbound voice call by agent-1, reason billing, 10 s in queue. */
    public static final class Contact {
        private final String interactionId = "int-" + UUID.randomUUID();
        private final String teamId;
        private final String customerId;
        private final Instant startedAt;
        private Channel channel = Channel.VOICE;
        private Integer queue = 10;
        private Integer talk = 300;
        private Integer hold = 0;
        private Integer afterWork = 0;
        private boolean abandoned;
        private String agentId = "agent-1";
        private String department = "dept-care";
        private String reason = "billing";
        private int transfers;
        private Boolean resolved = Boolean.TRUE;
        private Sale sale;
        private String campaign;
        private String routingQueue;
        private List<CommentTerm> textTerms;
        private Double sentiment;

        private Contact(String teamId, String customerId, Instant startedAt) {
            this.teamId = teamId;
            this.customerId = customerId;
            this.startedAt = startedAt;
        }

        public Contact channel(Channel value) {
            channel = value;
            return this;
        }

        public Contact queue(Integer seconds) {
            queue = seconds;
            return this;
        }

        public Contact times(int talkSeconds, int holdSeconds, int afterWorkSeconds) {
            talk = talkSeconds;
            hold = holdSeconds;
            afterWork = afterWorkSeconds;
            return this;
        }

        /** Abandoned in the queue after {@code queueSeconds}: no agent, no handle time. */
        public Contact abandoned(int queueSeconds) {
            abandoned = true;
            queue = queueSeconds;
            talk = null;
            hold = null;
            afterWork = null;
            agentId = null;
            resolved = null;
            return this;
        }

        public Contact agent(String value) {
            agentId = value;
            return this;
        }

        public Contact department(String value) {
            department = value;
            return this;
        }

        public Contact reason(String value) {
            reason = value;
            return this;
        }

        public Contact transfers(int value) {
            transfers = value;
            return this;
        }

        public Contact resolved(Boolean value) {
            resolved = value;
            return this;
        }

        public Contact sale(boolean accepted, String amount) {
            sale = new Sale(true, accepted, "plan-xl", accepted ? new BigDecimal(amount) : null,
                    accepted ? "EUR" : null);
            return this;
        }

        public Contact campaign(String value) {
            campaign = value;
            return this;
        }

        public Contact sentiment(Double value) {
            sentiment = value;
            return this;
        }

        /** The routing queue the contact waited in. */
        public Contact routingQueue(String value) {
            routingQueue = value;
            return this;
        }

        /** The terms of the contact's notes and transcript (as ingestion publishes them). */
        public Contact textTerms(List<CommentTerm> value) {
            textTerms = value;
            return this;
        }

        public String id() {
            return interactionId;
        }

        public InteractionRecorded event() {
            return new InteractionRecorded(interactionId, "telephony", "ext-" + interactionId, customerId, channel,
                    Direction.INBOUND, startedAt, queue, talk, hold, afterWork, abandoned, agentId, teamId,
                    department, reason, transfers, resolved, sentiment, sale, campaign, null, routingQueue, null, null,
                    textTerms);
        }
    }

    public static SurveyResponded survey(String customerId, String interactionId, Instant respondedAt, Integer csat,
            Integer nps, Integer ces, Integer feltValued) {
        String id = "resp-" + UUID.randomUUID();
        return new SurveyResponded(id, "survey-tool", "ext-" + id, customerId, interactionId, respondedAt, csat, nps,
                ces, feltValued, null);
    }

    public static QualityEvaluated evaluation(Contact contact, String customerId, double score,
            Map<String, Double> criteria) {
        String id = "qa-" + UUID.randomUUID();
        return new QualityEvaluated(id, "qa-tool", "ext-" + id, customerId, contact.interactionId,
                contact.agentId, contact.teamId, "evaluator-1", score, criteria, contact.startedAt.plusSeconds(86400));
    }

    public static TransactionRecorded purchase(String customerId, String interactionId, String amount,
            Instant at) {
        String id = "tx-" + UUID.randomUUID();
        return new TransactionRecorded(id, "shop", "ext-" + id, customerId, TransactionKind.PURCHASE,
                new BigDecimal(amount), "EUR", "plan-xl", at, interactionId, null);
    }

    public static TransactionRecorded cancellation(String customerId, String purchaseId, String amount, Instant at) {
        String id = "tx-" + UUID.randomUUID();
        return new TransactionRecorded(id, "shop", "ext-" + id, customerId, TransactionKind.CANCELLATION,
                new BigDecimal(amount), "EUR", "plan-xl", at, null, purchaseId);
    }

    public static CustomersMerged merge(String survivor, String merged, Instant at) {
        return new CustomersMerged(survivor, List.of(merged), at);
    }
}
