package io.cxvalue.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A MongoDB wire-protocol server (mongo-java-server, memory backend) on a free loopback port. The service talks to it
 * with the official driver, exactly as it talks to MongoDB in production.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile MongoServer server;
    private static volatile TcpProxy proxy;
    private static volatile String connectionString;

    @Override
    public Map<String, String> start() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        server = mongo;
        // The service reaches the server through a proxy, so that a test can make the store unreachable.
        proxy = TcpProxy.start(address);
        connectionString = "mongodb://127.0.0.1:" + proxy.port();
        return Map.of("quarkus.mongodb.connection-string", connectionString);
    }

    @Override
    public void stop() {
        MongoServer mongo = server;
        server = null;
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    /** Makes the server unreachable for the service (open connections are closed, new ones refused). */
    public static void cutConnections() {
        proxy.cut();
    }

    /** Makes the server reachable again. */
    public static void restoreConnections() {
        proxy.restore();
    }

    /** The running server's connection string. */
    public static String connectionString() {
        if (server == null) {
            throw new IllegalStateException("The MongoDB test server is not running");
        }
        return connectionString;
    }
}
