package io.cxvalue.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The local stack's MongoDB: mongo-java-server speaking the wire protocol, backed by an H2 MVStore file so data survives
 * restarts, or (with {@code --memory}) by its in-memory backend: several times faster, for throughput benchmarks, and
 * empty after every restart.
 *
 * <pre>
 * java -cp 'local-stack/target/lib/*:local-stack/target/local-stack-*.jar' io.cxvalue.localstack.MongoServerMain \
 *     (--file .cx/mongo/data.mv | --memory) [--host 127.0.0.1] [--port 27017] [--oplog]
 * </pre>
 *
 * A single argument without a flag is taken as the file. {@code --oplog} enables the server's oplog (needed only for
 * change streams). Logs {@value #READY} once it accepts connections; stops cleanly (flushing the store) on SIGTERM.
 */
public final class MongoServerMain {

    static final String READY = "MongoDB wire-protocol server ready";

    private static final Logger LOG = LoggerFactory.getLogger(MongoServerMain.class);

    private MongoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String file = null;
        String host = "127.0.0.1";
        int port = 27017;
        boolean oplog = false;
        boolean memory = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--file" -> file = value(args, ++i, "--file");
                case "--host" -> host = value(args, ++i, "--host");
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--oplog" -> oplog = true;
                case "--memory" -> memory = true;
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    if (args[i].startsWith("-") || file != null) {
                        usage();
                        System.exit(2);
                    }
                    file = args[i];
                }
            }
        }
        if ((file == null) == !memory) {
            usage();
            System.exit(2);
        }

        MongoBackend backend;
        String store;
        if (memory) {
            backend = new MemoryBackend();
            store = "in memory, nothing is kept after a stop";
        } else {
            Path path = Path.of(file).toAbsolutePath();
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            backend = new H2Backend(path.toString());
            store = "H2 file " + path;
        }
        MongoServer server = new MongoServer(backend);
        if (oplog) {
            server.enableOplog();
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down the MongoDB wire-protocol server");
            try {
                server.shutdown(); // stops listening, closes clients and the backend (commits the H2 store)
            } catch (RuntimeException e) {
                LOG.warn("Error while shutting down", e);
            }
            stopped.countDown();
            LOG.info("MongoDB wire-protocol server stopped");
        }, "mongo-shutdown"));

        server.bind(host, port);
        LOG.info("{} on mongodb://{}:{} ({}{})", READY, host, port, store, oplog ? ", oplog enabled" : "");
        stopped.await();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: MongoServerMain (--file PATH | --memory) [--host 127.0.0.1] [--port 27017] [--oplog]");
    }
}
