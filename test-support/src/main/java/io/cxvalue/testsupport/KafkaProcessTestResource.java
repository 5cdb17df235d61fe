package io.cxvalue.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A Kafka broker in a child process for tests that kill and restart it ({@link #broker()}). Slower to start than
 * {@link KafkaTestResource}; use it only where the broker must really go away.
 */
public class KafkaProcessTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaBrokerProcess broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBrokerProcess.startFresh(KafkaTestResource.PARTITIONS);
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        KafkaBrokerProcess running = broker;
        broker = null;
        if (running != null) {
            running.kill();
        }
    }

    public static KafkaBrokerProcess broker() {
        if (broker == null) {
            throw new IllegalStateException("The Kafka broker process is not running");
        }
        return broker;
    }
}
