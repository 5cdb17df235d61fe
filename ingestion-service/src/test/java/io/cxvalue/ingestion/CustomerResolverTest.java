package io.cxvalue.ingestion;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityLinked;
import io.cxvalue.ingestion.repository.CustomerRepository;
import io.cxvalue.ingestion.service.CustomerResolver;
import io.cxvalue.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CustomerResolverTest {

    @Inject
    CustomerResolver resolver;

    @Inject
    CustomerRepository customers;

    private final IdentityNormalizer normalizer = new IdentityNormalizer("GB");

    private ResolvedCustomer resolve(String customerId, Identity... identities) {
        return resolver.resolve(new CustomerReference(customerId, List.of(identities))).await().indefinitely();
    }

    private static String uniquePhone() {
        return "+4477009" + String.format("%05d", (int) (Math.random() * 100_000));
    }

    @Test
    void anUnknownIdentityCreatesACustomerAndTheSameIdentityInAnotherFormatFindsIt() {
        String digits = uniquePhone();
        ResolvedCustomer first = resolve(null, normalizer.phone(digits));
        assertTrue(first.created());

        ResolvedCustomer again = resolve(null, normalizer.phone("0" + digits.substring(3, 7) + " " + digits.substring(7)));
        assertEquals(first.customerId(), again.customerId());
        assertFalse(again.created());
        assertTrue(again.linked().isEmpty());

        List<ConsumerRecord<String, String>> events = eventsOf(first.customerId(), 1);
        assertEquals(1, events.size(), "one CustomerUpserted, nothing for the second resolution");
        assertEquals(EventType.CUSTOMER_UPSERTED.ceType(), KafkaTestClient.header(events.get(0), CloudEventHeaders.TYPE));
        CustomerUpserted upserted = EventJson.read(events.get(0).value(), CustomerUpserted.class);
        assertEquals(List.of(normalizer.phone(digits)), upserted.identities());
    }

    @Test
    void identitiesNamedWithAnIdAreLinkedToThatCustomer() {
        String id = "c-named-" + UUID.randomUUID();
        Identity email = normalizer.email(UUID.randomUUID() + "@example.com");
        assertTrue(resolve(id).created());

        ResolvedCustomer linked = resolve(id, email);
        assertEquals(id, linked.customerId());
        assertEquals(List.of(email), linked.linked());
        assertEquals(id, resolve(null, email).customerId());

        List<ConsumerRecord<String, String>> events = eventsOf(id, 2);
        assertEquals(List.of(EventType.CUSTOMER_UPSERTED.ceType(), EventType.IDENTITY_LINKED.ceType()),
                events.stream().map(r -> KafkaTestClient.header(r, CloudEventHeaders.TYPE)).toList(),
                "events of one customer in the order they were stored (the second appended to the published document)");
        assertEquals(email, EventJson.read(events.get(1).value(), IdentityLinked.class).identity());
    }

    @Test
    void identitiesOfTwoCustomersInOneRecordMergeThemIntoTheOlder() {
        Identity phone = normalizer.phone(uniquePhone());
        Identity email = normalizer.email(UUID.randomUUID() + "@example.com");
        String older = resolve(null, phone).customerId();
        String newer = resolve(null, email).customerId();
        assertNotEquals(older, newer);

        ResolvedCustomer merged = resolve(null, email, phone);
        assertEquals(older, merged.customerId());
        assertEquals(List.of(newer), merged.merged());

        assertEquals(older, resolve(null, email).customerId(), "the merged customer's identities follow the survivor");
        assertEquals(older, resolve(newer).customerId(), "the merged id itself resolves to the survivor");
        assertEquals(Set.of(phone, email), Set.copyOf(customers.identitiesOf(older).await().indefinitely()));

        List<ConsumerRecord<String, String>> events = eventsOf(older, 3);
        ConsumerRecord<String, String> merge = events.stream()
                .filter(r -> EventType.CUSTOMERS_MERGED.ceType().equals(KafkaTestClient.header(r, CloudEventHeaders.TYPE)))
                .findFirst().orElseThrow();
        assertEquals(older, merge.key(), "keyed by the survivor, so it stays in order with the survivor's events");
        assertEquals(List.of(newer), EventJson.read(merge.value(), CustomersMerged.class).mergedCustomerIds());
    }

    @Test
    void concurrentResolutionsOfOneNewIdentityAgreeOnOneCustomer() {
        Identity handle = normalizer.social("x", "u" + UUID.randomUUID().toString().substring(0, 12).replace("-", ""));
        List<Uni<ResolvedCustomer>> racing = IntStream.range(0, 8)
                .mapToObj(i -> resolver.resolve(new CustomerReference(null, List.of(handle))))
                .toList();
        List<ResolvedCustomer> results = Uni.join().all(racing).andFailFast().await().atMost(Duration.ofSeconds(30));

        Set<String> ids = results.stream().map(ResolvedCustomer::customerId).collect(Collectors.toSet());
        assertEquals(1, ids.size(), "one customer: " + results);
        assertEquals(1, results.stream().filter(ResolvedCustomer::created).count());
    }

    private static List<ConsumerRecord<String, String>> eventsOf(String customerId, int expected) {
        return KafkaTestClient.readUntil(Topics.CUSTOMERS, Duration.ofSeconds(20),
                        records -> records.stream().filter(r -> customerId.equals(r.key())).count() >= expected)
                .stream().filter(r -> customerId.equals(r.key())).toList();
    }
}
