package io.cxvalue.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster the project owns, in one folder: {@code binaries/} (unpacked by {@link PostgresBinaries}),
 * {@code data/} (made by initdb) and the server's log. The server listens on 127.0.0.1 only, with no Unix socket,
 * and every TCP login needs the superuser's password (scram-sha-256).
 *
 * <p>PostgreSQL refuses to run as root. When this JVM runs as root, every PostgreSQL program runs as
 * {@link ServerUser#unprivileged()} (through setpriv) and the data folder belongs to that user; the cluster's folder
 * must then be one that user can enter ({@link #homeFor(Path)} chooses one).
 */
public final class PostgresCluster {

    public static final String SUPERUSER = "postgres";

    private final Path home;
    private final ServerUser user;

    private PostgresCluster(Path home, ServerUser user) {
        this.home = home.toAbsolutePath().normalize();
        this.user = user;
    }

    /** The cluster in {@code home}, run as the current user, or as an unprivileged one when that is root. */
    public static PostgresCluster in(Path home) {
        return new PostgresCluster(home, ServerUser.forCurrentProcess());
    }

    /**
     * Where a cluster wanted at {@code preferred} can live: {@code preferred} itself, unless this JVM runs as root.
     * Then it is a folder of the system's temporary folder named after {@code preferred}, because {@code preferred}
     * may sit below a folder the unprivileged server user cannot enter (a {@code mktemp -d} folder is mode 0700).
     */
    public static Path homeFor(Path preferred) {
        Path absolute = preferred.toAbsolutePath().normalize();
        if (!ServerUser.forCurrentProcess().switches()) {
            return absolute;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "cx-postgres-" + shortHash(absolute.toString()));
    }

    public Path home() {
        return home;
    }

    public Path dataDirectory() {
        return home.resolve("data");
    }

    public Path binaries() {
        return home.resolve("binaries");
    }

    public ServerUser user() {
        return user;
    }

    public boolean initialised() {
        return Files.isRegularFile(dataDirectory().resolve("PG_VERSION"));
    }

    /**
     * Unpacks the binaries if needed and runs initdb if the cluster has no data yet. {@code durable = false} skips
     * initdb's fsync (throwaway test clusters).
     */
    public void prepare(String superuserPassword, boolean durable) {
        try {
            createHome();
            PostgresBinaries.unpack(binaries());
            if (!initialised()) {
                initdb(superuserPassword, durable);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the PostgreSQL cluster in " + home, e);
        }
    }

    /**
     * The command line that runs the server in the foreground on 127.0.0.1:{@code port}, with {@code settings}
     * ({@code -c name=value}) after the fixed network settings. The caller starts it (a child process, or
     * {@code ./cx}'s launcher) and stops it with SIGINT (fast shutdown) or {@link #stop}.
     */
    public List<String> serverCommand(int port, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen_addresses", "127.0.0.1");
        all.put("port", Integer.toString(port));
        all.put("unix_socket_directories", "");
        all.putAll(settings);
        List<String> command = new ArrayList<>(List.of(program("postgres"), "-D", dataDirectory().toString()));
        all.forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        return user.wrap(command);
    }

    /** Starts the server as a child process writing to {@code log}; {@link #stop} or SIGINT ends it. */
    public Process start(int port, Map<String, String> settings, Path log) {
        try {
            return new ProcessBuilder(serverCommand(port, settings)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL from " + binaries(), e);
        }
    }

    /** Stops a running server of this cluster ({@code mode} fast or immediate); nothing when none runs. */
    public void stop(String mode, Duration timeout) {
        if (!Files.exists(dataDirectory().resolve("postmaster.pid")) || !Files.isDirectory(binaries())) {
            return;
        }
        run(user.wrap(List.of(program("pg_ctl"), "-D", dataDirectory().toString(), "stop", "-m", mode, "-w",
                "-t", Long.toString(timeout.toSeconds()))), timeout.plusSeconds(5), true);
    }

    /** Deletes the cluster's folder; the server must be stopped. */
    public void delete() {
        FileTrees.delete(home);
    }

    private void createHome() throws IOException {
        if (Files.isSymbolicLink(home)) {
            throw new IOException(home + " is a symbolic link; the cluster's folder must be a real folder");
        }
        Files.createDirectories(home);
        if (user.switches()) {
            // A folder in a shared temporary folder: it must be ours (root's), and the server user must enter it.
            int owner = (Integer) Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (owner != 0) {
                throw new IOException(home + " belongs to uid " + owner + ", not to root: refusing to use it");
            }
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private void initdb(String password, boolean durable) throws IOException {
        Path data = dataDirectory();
        FileTrees.delete(data);
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        user.own(data);
        Path passwordFile = home.resolve("initdb-password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
            user.own(passwordFile);
            List<String> command = new ArrayList<>(List.of(program("initdb"), "-D", data.toString(),
                    "-U", SUPERUSER, "-E", "UTF8", "--locale=C", "--auth=scram-sha-256",
                    "--pwfile=" + passwordFile));
            if (!durable) {
                command.add("--no-sync");
            }
            run(user.wrap(command), Duration.ofMinutes(2), false);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String program(String name) {
        return binaries().resolve("bin").resolve(name).toString();
    }

    private static void run(List<String> command, Duration timeout, boolean tolerateFailure) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0 && !tolerateFailure) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
