package io.cxvalue.testsupport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;

import io.cxvalue.postgres.PostgresAdmin;
import io.cxvalue.postgres.PostgresCluster;
import io.cxvalue.postgres.ThrowawayCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh database for each test run, dropped afterwards, on the project's own PostgreSQL: one throwaway cluster per
 * test JVM ({@link ThrowawayCluster}, the server binaries from Maven Central on a free port). A PostgreSQL server the
 * machine may have is never used. Sets both the reactive URL (Hibernate Reactive, through a {@link TcpProxy} a test
 * can cut) and the JDBC URL (Flyway).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** The proxy the service's reactive connections go through, so a test can cut them off. */
    private static volatile TcpProxy proxy;

    private PostgresAdmin admin;
    private String database;

    @Override
    public Map<String, String> start() {
        ThrowawayCluster cluster = ThrowawayCluster.shared();
        admin = cluster.admin();
        database = "cx_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin.createDatabaseIfMissing(database);
        String hostPort = "127.0.0.1:" + cluster.port() + "/" + database;
        proxy = TcpProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), cluster.port()));
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.username", PostgresCluster.SUPERUSER,
                "quarkus.datasource.password", ThrowawayCluster.PASSWORD);
    }

    /** Makes the database unreachable for the service's reactive connections (Flyway's JDBC ones are direct). */
    public static void cutConnections() {
        proxy.cut();
    }

    /** Makes the database reachable again. */
    public static void restoreConnections() {
        proxy.restore();
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (database != null) {
            admin.dropDatabase(database);
            database = null;
        }
    }
}
