package io.cxvalue.testsupport;

import io.cxvalue.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.List;
import java.util.Map;

/**
 * A real Kafka broker (KRaft, combined broker and controller) inside the test JVM, with every product topic created
 * with {@value #PARTITIONS} partitions so that keying and partition assignment are exercised.
 * Use with {@code @QuarkusTestResource(KafkaTestResource.class)}; {@link #bootstrapServers()} gives tests the address.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final int PARTITIONS = 3;

    private static volatile KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            cluster = kit;
            createTopics(kit.bootstrapServers());
            return Map.of("kafka.bootstrap.servers", kit.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("Kafka test broker did not start", e);
        }
    }

    private static void createTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = java.util.stream.Stream.concat(Topics.ALL.stream(), Topics.INTERNAL.stream())
                    .map(name -> new NewTopic(name, PARTITIONS, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get();
        }
    }

    @Override
    public void stop() {
        KafkaClusterTestKit kit = cluster;
        cluster = null;
        if (kit != null) {
            try {
                kit.close();
            } catch (Exception e) {
                throw new IllegalStateException("Kafka test broker did not stop cleanly", e);
            }
        }
    }

    /** The running broker's bootstrap address. */
    public static String bootstrapServers() {
        KafkaClusterTestKit kit = cluster;
        if (kit == null) {
            throw new IllegalStateException("The Kafka test broker is not running");
        }
        return kit.bootstrapServers();
    }

    /** The running test cluster, for tests that stop and restart the broker. */
    public static KafkaClusterTestKit cluster() {
        KafkaClusterTestKit kit = cluster;
        if (kit == null) {
            throw new IllegalStateException("The Kafka test broker is not running");
        }
        return kit;
    }
}
