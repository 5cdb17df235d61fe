package io.cxvalue.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cxvalue.postgres.PostgresAdmin;
import io.cxvalue.postgres.PostgresCluster;

/**
 * The local stack's PostgreSQL, for {@code ./cx}: the project's own cluster, never a server the machine already has.
 *
 * <pre>
 * PostgresMain prepare --home DIR --port P --password PW   unpack, initdb if new; print the server's command line
 * PostgresMain databases --host H --port P --user U --password PW [--recreate] [--timeout-seconds S] DB...
 * PostgresMain wipe --home DIR                               delete the cluster (stopped) and its data
 * </pre>
 *
 * {@code prepare} prints one argument per line; {@code ./cx} runs that command as the {@code postgres} component and
 * stops it with SIGINT (fast shutdown). As root, the cluster's real folder is {@link PostgresCluster#homeFor} and
 * {@code DIR} becomes a symbolic link to it. {@code databases} waits for the server, creates the missing databases and
 * changes no server setting (it also serves an external server, {@code CX_PG_EXTERNAL=1}); it warns when autovacuum is
 * off. Exit code 0 on success, 1 on failure, 2 on a usage error.
 */
public final class PostgresMain {

    /**
     * The settings the caller card's figures were measured with (docs/benchmarks.md), explicit so that they do not
     * depend on a distribution's defaults: autovacuum on (scoring rewrites every score per run; without it the card's
     * reads slowed ten-fold), PostgreSQL's default 128 MB of shared buffers and 100 connections.
     */
    static final Map<String, String> SETTINGS = settings();

    private PostgresMain() {
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("autovacuum", "on");
        settings.put("shared_buffers", "128MB");
        settings.put("max_connections", "100");
        settings.put("timezone", "UTC");
        settings.put("log_timezone", "UTC");
        settings.put("log_line_prefix", "%m [%p] %q%u@%d ");
        return settings;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--recreate")) {
                options.put(arg, "true");
            } else if (arg.startsWith("--")) {
                if (i + 1 >= args.length) {
                    usage();
                }
                options.put(arg, args[++i]);
            } else {
                names.add(arg);
            }
        }
        try {
            switch (args[0]) {
                case "prepare" -> prepare(Path.of(required(options, "--home")),
                        Integer.parseInt(required(options, "--port")), required(options, "--password"));
                case "databases" -> databases(options, names);
                case "wipe" -> wipe(Path.of(required(options, "--home")));
                default -> usage();
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("postgres: " + e.getMessage());
            System.exit(1);
        }
    }

    static void prepare(Path home, int port, String password) throws IOException {
        Path real = PostgresCluster.homeFor(home);
        if (!real.equals(home.toAbsolutePath().normalize())) {
            Files.createDirectories(home.toAbsolutePath().getParent());
            if (!Files.isSymbolicLink(home)) {
                Files.deleteIfExists(home);
                Files.createSymbolicLink(home, real);
            }
        }
        PostgresCluster cluster = PostgresCluster.in(real);
        boolean fresh = !cluster.initialised();
        cluster.prepare(password, true);
        if (fresh) {
            System.err.println("postgres: new cluster in " + real + " (server user " + cluster.user().name() + ")");
        }
        cluster.serverCommand(port, SETTINGS).forEach(System.out::println);
    }

    static void databases(Map<String, String> options, List<String> names) {
        PostgresAdmin admin = new PostgresAdmin(options.getOrDefault("--host", "127.0.0.1"),
                Integer.parseInt(required(options, "--port")), options.getOrDefault("--user", PostgresCluster.SUPERUSER),
                required(options, "--password"));
        admin.awaitReady(Duration.ofSeconds(Long.parseLong(options.getOrDefault("--timeout-seconds", "30"))));
        for (String name : names) {
            if (options.containsKey("--recreate")) {
                admin.dropDatabase(name);
            }
            if (admin.createDatabaseIfMissing(name)) {
                System.out.println("created database " + name);
            }
        }
        if (!"on".equals(admin.setting("autovacuum"))) {
            System.out.println("note: this server runs with autovacuum off (left so); scoring's reads slow down as its"
                    + " tables fill");
        }
    }

    static void wipe(Path home) throws IOException {
        Path real = PostgresCluster.homeFor(home);
        Path pidFile = real.resolve("data/postmaster.pid");
        if (Files.isRegularFile(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("the cluster in " + real + " is running (pid " + pid + "): ./cx down first");
            }
        }
        PostgresCluster.in(real).delete();
        if (Files.isSymbolicLink(home)) {
            Files.delete(home);
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            usage();
        }
        return value;
    }

    private static void usage() {
        System.err.println("""
                usage: PostgresMain prepare --home DIR --port P --password PW
                       PostgresMain databases --host H --port P --user U --password PW [--recreate] \
                [--timeout-seconds S] DB...
                       PostgresMain wipe --home DIR""");
        System.exit(2);
    }
}
