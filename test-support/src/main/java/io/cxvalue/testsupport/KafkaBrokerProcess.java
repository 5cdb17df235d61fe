package io.cxvalue.testsupport;

import io.cxvalue.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, combined broker and controller) in a child process, for tests that must take the broker
 * away the hard way — {@link #kill()} is a SIGKILL, as in a crash or a node loss — and bring it back on the same port
 * with the same data ({@link #start()} again).
 */
public final class KafkaBrokerProcess {

    private final Path directory;
    private final int port;
    private final Path config;
    private Process process;

    private KafkaBrokerProcess(Path directory, int port, Path config) {
        this.directory = directory;
        this.port = port;
        this.config = config;
    }

    /** Formats storage in a fresh temporary directory, starts the broker and creates the product's topics. */
    public static KafkaBrokerProcess startFresh(int partitions) {
        try {
            Path directory = Files.createTempDirectory("cx-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            Path config = directory.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + directory.resolve("data"),
                    "num.partitions=" + partitions,
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "") + "\n");
            KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, port, config);
            broker.run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString()), "format.log").waitFor(60, TimeUnit.SECONDS);
            broker.start();
            try (Admin admin = broker.admin()) {
                admin.createTopics(java.util.stream.Stream.concat(Topics.ALL.stream(), Topics.INTERNAL.stream())
                                .map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                        .all().get(30, TimeUnit.SECONDS);
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker process did not start", e);
        }
    }

    /** Starts (or restarts) the broker and waits until it serves metadata. */
    public void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        process = run(List.of("kafka.Kafka", config.toString()), "broker.log");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + directory.resolve("broker.log"));
            }
            if (accepts()) {
                try (Admin admin = admin()) {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // still starting
                }
            }
            sleep(200);
        }
        throw new IllegalStateException("Kafka broker not ready within 60 s; see " + directory.resolve("broker.log"));
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private Process run(List<String> mainAndArgs, String logName) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(logName).toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
