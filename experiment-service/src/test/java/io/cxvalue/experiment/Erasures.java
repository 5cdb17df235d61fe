package io.cxvalue.experiment;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.experiment.service.ErasureService;
import io.cxvalue.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;

/** Reads the erasure confirmations experiment-service publishes on cx.erasures. */
public final class Erasures {

    private Erasures() {
    }

    /** Waits until this service's confirmation of {@code erasureId} is on the topic; returns every one read. */
    public static List<ConsumerRecord<String, String>> awaitCompletions(String erasureId, Duration timeout) {
        return completions(KafkaTestClient.readUntil(Topics.ERASURES, timeout,
                records -> !completions(records, erasureId).isEmpty()), erasureId);
    }

    /** This service's confirmations of {@code erasureId} among what the topic holds after reading for a while. */
    public static List<ConsumerRecord<String, String>> completionsAfter(String erasureId, Duration reading) {
        return completions(KafkaTestClient.readFor(Topics.ERASURES, reading), erasureId);
    }

    public static List<ConsumerRecord<String, String>> completions(List<ConsumerRecord<String, String>> records,
            String erasureId) {
        return records.stream()
                .filter(r -> EventType.ERASURE_COMPLETED.ceType().equals(
                        KafkaTestClient.header(r, CloudEventHeaders.TYPE)))
                .filter(r -> {
                    ErasureCompleted completed = EventJson.read(r.value(), ErasureCompleted.class);
                    return erasureId.equals(completed.erasureId()) && ErasureService.SERVICE.equals(completed.service());
                })
                .toList();
    }

    /** Pending outbox rows of the customer. */
    public static long pendingOutboxRows(String customerId) {
        return TestDatabase.count("select count(*) from outbox_event where event_key = ?", customerId);
    }
}
