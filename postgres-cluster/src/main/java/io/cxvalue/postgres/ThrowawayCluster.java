package io.cxvalue.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One PostgreSQL server for the tests of one JVM: a fresh cluster in the system's temporary folder on a free port,
 * started on first use and stopped and deleted when the JVM exits. Durability is off (fsync, full-page writes,
 * synchronous commit): a test cluster never outlives its run. A cluster left by a JVM that was killed is stopped and
 * deleted by the next one that starts.
 */
public final class ThrowawayCluster {

    public static final String PASSWORD = "postgres";

    private static final String PREFIX = "cx-postgres-test-";
    private static final String OWNER_FILE = "owner-pid";
    private static final Map<String, String> SETTINGS = Map.of(
            "fsync", "off",
            "full_page_writes", "off",
            "synchronous_commit", "off",
            "max_connections", "200");

    private static ThrowawayCluster shared;

    private final PostgresCluster cluster;
    private final int port;
    private final Process server;

    private ThrowawayCluster(PostgresCluster cluster, int port, Process server) {
        this.cluster = cluster;
        this.port = port;
        this.server = server;
    }

    /** This JVM's cluster, started on the first call. */
    public static synchronized ThrowawayCluster shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy, "cx-postgres-stop"));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public PostgresAdmin admin() {
        return new PostgresAdmin("127.0.0.1", port, PostgresCluster.SUPERUSER, PASSWORD);
    }

    public Path home() {
        return cluster.home();
    }

    /** The server's process (the postmaster: setpriv replaces itself with it). */
    public ProcessHandle serverProcess() {
        return server.toHandle();
    }

    private static ThrowawayCluster start() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        reapAbandoned(tmp);
        try {
            Path home = Files.createTempDirectory(tmp, PREFIX);
            Files.writeString(home.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            PostgresCluster cluster = PostgresCluster.in(home);
            cluster.prepare(PASSWORD, false);
            int port = freePort();
            Process server = cluster.start(port, SETTINGS, home.resolve("postgres.log"));
            ThrowawayCluster started = new ThrowawayCluster(cluster, port, server);
            try {
                started.admin().awaitReady(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                started.destroy();
                throw new IllegalStateException(e.getMessage() + " (log: " + home.resolve("postgres.log") + ")", e);
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a PostgreSQL cluster in " + tmp, e);
        }
    }

    private void destroy() {
        try {
            cluster.stop("immediate", Duration.ofSeconds(20));
        } finally {
            server.destroyForcibly();
            cluster.delete();
        }
    }

    /** Stops and deletes the clusters of JVMs that no longer run (a test JVM killed before its shutdown hook). */
    private static void reapAbandoned(Path tmp) {
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path home : homes) {
                Path owner = home.resolve(OWNER_FILE);
                if (!Files.isRegularFile(owner)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(owner).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                PostgresCluster abandoned = PostgresCluster.in(home);
                abandoned.stop("immediate", Duration.ofSeconds(20));
                abandoned.delete();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[postgres-cluster] could not clean up abandoned test clusters in " + tmp + ": " + e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
