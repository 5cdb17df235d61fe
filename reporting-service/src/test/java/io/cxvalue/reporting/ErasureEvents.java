package io.cxvalue.reporting;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;

import static io.cxvalue.testsupport.KafkaTestClient.header;

/** Reads the ErasureCompleted confirmations off {@code cx.erasures}. */
public final class ErasureEvents {

    public static final String REPORTING = "reporting-service";

    private ErasureEvents() {
    }

    /** Waits (up to {@code wait}) until {@code atLeast} confirmations of {@code erasureId} are on the topic. */
    public static List<ConsumerRecord<String, String>> awaitCompletions(String erasureId, int atLeast, Duration wait) {
        return completions(KafkaTestClient.readUntil(Topics.ERASURES, wait,
                records -> completions(records, erasureId).size() >= atLeast), erasureId);
    }

    /** Every confirmation of {@code erasureId} on the topic after reading it for {@code duration}. */
    public static List<ConsumerRecord<String, String>> completionsAfter(String erasureId, Duration duration) {
        return completions(KafkaTestClient.readFor(Topics.ERASURES, duration), erasureId);
    }

    private static List<ConsumerRecord<String, String>> completions(List<ConsumerRecord<String, String>> records,
            String erasureId) {
        return records.stream()
                .filter(r -> EventType.ERASURE_COMPLETED.ceType().equals(header(r, CloudEventHeaders.TYPE)))
                .filter(r -> erasureId.equals(EventJson.read(r.value(), ErasureCompleted.class).erasureId()))
                .toList();
    }
}
