package io.cxvalue.ingestion;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Request bodies for tests. */
final class Interactions {

    private Interactions() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A complete, valid voice interaction. */
    static String voiceCall(String externalId, String customerId) {
        Instant startedAt = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        return """
                {"source":"genesys","externalId":"%s","customerId":"%s","channel":"VOICE","direction":"INBOUND",
                 "startedAt":"%s","queueSeconds":12,"talkSeconds":240,"holdSeconds":30,"afterWorkSeconds":45,
                 "abandoned":false,"agentId":"agent-7","teamId":"team-a","departmentId":"care",
                 "contactReason":"billing","transfers":1,"resolved":true,"sentiment":-0.4,
                 "sale":{"offered":true,"accepted":true,"productId":"fibre-500","amount":29.99,"currency":"EUR"},
                 "campaign":"spring","experiment":{"experimentId":"exp-1","variant":"unlimited-time"}}
                """.formatted(externalId, customerId, startedAt);
    }
}
