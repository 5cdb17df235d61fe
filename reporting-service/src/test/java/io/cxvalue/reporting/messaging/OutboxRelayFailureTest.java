package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.reporting.repository.FaultInjectingMongoResource;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.cxvalue.reporting.ErasureEvents.awaitCompletions;
import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.testsupport.KafkaTestClient.header;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The relay cannot mark a published event (MongoDB fails the update): the event stays pending and a later round
 * sends it again with the same {@code ce_id}, the outbox's "at worst twice, never lost".
 * Shares the application of {@link StoreFailureTest} (same profile and resources).
 */
@QuarkusTest
@TestProfile(StoreFailureTest.ShortRetryBudget.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FaultInjectingMongoResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class OutboxRelayFailureTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @Test
    void sendsAnEventAgainWithTheSameIdWhenMarkingItPublishedFailed() {
        FaultInjectingMongoResource.failNextUpdates("erasures", 1);
        String customer = uniqueId("cust");
        String erasureId = UUID.randomUUID().toString();

        CloudEventRecords.publish(new ErasureRequested(erasureId, customer, Instant.now()));

        List<ConsumerRecord<String, String>> sent = awaitCompletions(erasureId, 2, PROCESSING);
        assertThat(sent.size(), greaterThanOrEqualTo(2));
        assertThat(sent.stream().map(r -> header(r, CloudEventHeaders.ID)).distinct().toList(), hasSize(1));
        assertThat(sent.stream().map(ConsumerRecord::key).distinct().toList(), equalTo(List.of(customer)));
        assertThat(FaultInjectingMongoResource.updateFailuresLeft(), equalTo(0));
    }
}
