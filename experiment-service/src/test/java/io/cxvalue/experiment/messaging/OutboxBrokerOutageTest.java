package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.experiment.Erasures;
import io.cxvalue.experiment.service.ErasureService;
import io.cxvalue.testsupport.KafkaBrokerProcess;
import io.cxvalue.testsupport.KafkaProcessTestResource;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cxvalue.experiment.TestInteractions.uniqueId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The outbox keeps what the broker could not take: a confirmation committed while Kafka is dead stays pending through
 * the failed relay rounds and is published, once, when the broker is back.
 */
@QuarkusTest
@TestProfile(OutboxBrokerOutageTest.ChildProcessBroker.class)
class OutboxBrokerOutageTest {

    /** The broker runs in a child process here, so that the test can kill it. */
    public static class ChildProcessBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaProcessTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class),
                    new TestResourceEntry(OidcWiremockTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Fail sends quickly while the broker is gone, so that rounds fail (and retry) within seconds.
            // Poll often, as in production, so that the relay retries on its own once the broker is back.
            return Map.of("experiment.outbox.poll-interval", "PT1S",
                    "mp.messaging.outgoing.outbox.delivery.timeout.ms", "6000",
                    "mp.messaging.outgoing.outbox.request.timeout.ms", "3000",
                    "mp.messaging.outgoing.outbox.max.block.ms", "3000");
        }
    }

    @Inject
    ErasureService erasures;

    @Inject
    MeterRegistry registry;

    @Test
    void aConfirmationCommittedWhileTheBrokerIsDeadIsPublishedOnceItIsBack() throws Throwable {
        String customerId = uniqueId("cust");
        String erasureId = "er-" + UUID.randomUUID();
        KafkaBrokerProcess broker = KafkaProcessTestResource.broker();
        double failedRoundsBefore = failedRounds();

        broker.kill();
        // The service's own transaction: the erasure and its confirmation commit; only publishing is left.
        VertxContextSupport.subscribeAndAwait(() -> erasures.erase(UUID.randomUUID().toString(),
                new ErasureRequested(erasureId, customerId, Instant.now())));
        assertEquals(1, Erasures.pendingOutboxRows(customerId));

        // The relay tries, fails, and leaves the row pending.
        await().atMost(Duration.ofSeconds(60)).until(() -> failedRounds() > failedRoundsBefore);
        assertEquals(1, Erasures.pendingOutboxRows(customerId), "still pending after a failed round");

        broker.start();
        List<ConsumerRecord<String, String>> confirmations = Erasures.awaitCompletions(erasureId,
                Duration.ofSeconds(90));
        assertEquals(customerId, confirmations.get(0).key());
        await().atMost(Duration.ofSeconds(30)).until(() -> Erasures.pendingOutboxRows(customerId) == 0);
        // Resends of a batch whose ack was lost would carry the same ce_id: one event either way.
        assertEquals(1, Erasures.completionsAfter(erasureId, Duration.ofSeconds(2)).stream()
                .map(r -> KafkaTestClient.header(r, CloudEventHeaders.ID)).distinct().count());
    }

    private double failedRounds() {
        return registry.get("cx.outbox.failed.rounds").tag("service", "experiment-service").counter().count();
    }
}
