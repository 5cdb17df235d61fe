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
    private static volatile String connectionString;

    @Override
    public Map<String, String> start() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        server = mongo;
        connectionString = "mongodb://127.0.0.1:" + address.getPort();
        return Map.of("quarkus.mongodb.connection-string", connectionString);
    }

    @Override
    public void stop() {
        MongoServer mongo = server;
        server = null;
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    /** The running server's connection string. */
    public static String connectionString() {
        if (server == null) {
            throw new IllegalStateException("The MongoDB test server is not running");
        }
        return connectionString;
    }
}
