package io.cxvalue.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import io.cxvalue.contracts.Topics;

/**
 * Creates every topic of {@link Topics#ALL}, every dead-letter topic ({@link Topics#deadLetterTopics()}) and the
 * services' own topics ({@link Topics#INTERNAL}) on the
 * local broker, idempotently: topics that already exist are left as
 * they are. Waits for the broker to answer (up to the timeout), then checks that every topic is described.
 *
 * <pre>
 * java -cp 'local-stack/target/lib/*:local-stack/target/local-stack-*.jar' io.cxvalue.localstack.CreateTopics \
 *     [--bootstrap-server 127.0.0.1:9092] [--partitions 6] [--timeout-seconds 60]
 * </pre>
 *
 * Exit code 0 when all topics exist, 1 otherwise.
 */
public final class CreateTopics {

    /** The product's topics and their dead-letter topics (SmallRye would otherwise rely on auto-creation). */
    private static final List<String> ALL_TOPICS = java.util.stream.Stream.of(Topics.ALL, Topics.deadLetterTopics(),
            Topics.INTERNAL).flatMap(List::stream).toList();

    private CreateTopics() {
    }

    public static void main(String[] args) {
        String bootstrap = "127.0.0.1:9092";
        int partitions = 6;
        int timeoutSeconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-server" -> bootstrap = args[++i];
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--timeout-seconds" -> timeoutSeconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: CreateTopics [--bootstrap-server HOST:PORT] [--partitions N]"
                            + " [--timeout-seconds S]");
                    System.exit(2);
                }
            }
        }
        try {
            create(bootstrap, partitions, Duration.ofSeconds(timeoutSeconds));
        } catch (Exception e) {
            System.err.println("Could not create the topics on " + bootstrap + ": " + e);
            System.exit(1);
        }
    }

    static void create(String bootstrap, int partitions, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "cx-create-topics");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(props)) {
            List<String> created = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            List<String> pending = new ArrayList<>(ALL_TOPICS);
            while (!pending.isEmpty()) {
                List<NewTopic> newTopics = pending.stream()
                        .map(t -> new NewTopic(t, partitions, (short) 1))
                        .toList();
                CreateTopicsResult result = admin.createTopics(newTopics);
                List<String> retry = new ArrayList<>();
                Exception last = null;
                for (Map.Entry<String, ? extends org.apache.kafka.common.KafkaFuture<Void>> e : result.values()
                        .entrySet()) {
                    try {
                        e.getValue().get(15, TimeUnit.SECONDS);
                        created.add(e.getKey());
                    } catch (ExecutionException ex) {
                        if (ex.getCause() instanceof TopicExistsException) {
                            existing.add(e.getKey());
                        } else {
                            retry.add(e.getKey());
                            last = ex;
                        }
                    } catch (java.util.concurrent.TimeoutException ex) {
                        retry.add(e.getKey());
                        last = ex;
                    }
                }
                pending = retry;
                if (!pending.isEmpty()) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("topics not created before the timeout: " + pending, last);
                    }
                    Thread.sleep(1_000);
                }
            }

            Map<String, TopicDescription> described = admin.describeTopics(ALL_TOPICS).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Set<String> missing = new java.util.TreeSet<>(ALL_TOPICS);
            missing.removeAll(described.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("topics missing after creation: " + missing);
            }
            StringBuilder line = new StringBuilder("Topics ready on ").append(bootstrap).append(':');
            for (String topic : ALL_TOPICS) {
                line.append(' ').append(topic).append('(').append(described.get(topic).partitions().size())
                        .append(')');
            }
            System.out.println(line);
            System.out.println("created " + created.size() + ", already present " + existing.size());
        }
    }
}
