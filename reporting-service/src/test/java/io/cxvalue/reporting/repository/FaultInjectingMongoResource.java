package io.cxvalue.reporting.repository;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MongoDB wire-protocol server that can be told to fail the next inserts into (or updates of) a collection the way
 * a replica set does during an election ("not writable primary", an outage the consumers wait out), or to refuse the
 * next updates outright ("bad value", which they retry within their budget and then park), so tests see the service
 * meet real server errors through the real driver.
 */
public class FaultInjectingMongoResource implements QuarkusTestResourceLifecycleManager {

    /** MongoDB's NotWritablePrimary error: the node stepped down; a retry after the election succeeds. */
    private static final int NOT_WRITABLE_PRIMARY = 10107;
    /** MongoDB's BadValue error: the server refuses the write itself (no election, no lost connection). */
    private static final int BAD_VALUE = 2;

    private static final AtomicInteger insertFailuresLeft = new AtomicInteger();
    private static volatile String failingCollection = "";
    private static final AtomicInteger updateFailuresLeft = new AtomicInteger();
    private static volatile String failingUpdateCollection = "";
    private static volatile boolean updatesRefused;
    private static volatile MongoServer server;

    @Override
    public Map<String, String> start() {
        MongoServer mongo = new MongoServer(new FaultInjectingBackend());
        mongo.bind("127.0.0.1", 0);
        server = mongo;
        return Map.of("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort());
    }

    @Override
    public void stop() {
        MongoServer mongo = server;
        server = null;
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    /** Makes the next {@code count} inserts into {@code collection} fail. */
    public static void failNextInserts(String collection, int count) {
        failingCollection = collection;
        insertFailuresLeft.set(count);
    }

    /** Makes the next {@code count} update commands on {@code collection} fail as during an election. */
    public static void failNextUpdates(String collection, int count) {
        updatesRefused = false;
        failingUpdateCollection = collection;
        updateFailuresLeft.set(count);
    }

    /** Makes the server refuse the next {@code count} update commands on {@code collection} (not an outage). */
    public static void refuseNextUpdates(String collection, int count) {
        failNextUpdates(collection, count);
        updatesRefused = true;
    }

    /** Injected failures not yet hit by an update. */
    public static int updateFailuresLeft() {
        return updateFailuresLeft.get();
    }

    /** Injected failures not yet hit by an insert. */
    public static int insertFailuresLeft() {
        return insertFailuresLeft.get();
    }

    private static final class FaultInjectingBackend extends MemoryBackend {

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if ("insert".equals(command) && failingCollection.equals(query.get("insert"))
                    && insertFailuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new MongoServerError(NOT_WRITABLE_PRIMARY, "NotWritablePrimary",
                        "not primary (failure injected by the test)");
            }
            if ("update".equals(command) && failingUpdateCollection.equals(query.get("update"))
                    && updateFailuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw updatesRefused
                        ? new MongoServerError(BAD_VALUE, "BadValue", "refused (failure injected by the test)")
                        : new MongoServerError(NOT_WRITABLE_PRIMARY, "NotWritablePrimary",
                                "not primary (failure injected by the test)");
            }
            return super.handleCommand(channel, database, command, query);
        }
    }
}
