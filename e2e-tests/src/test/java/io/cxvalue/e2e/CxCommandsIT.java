package io.cxvalue.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ./cx} command's fast path on a stack that is not running, in a CX_HOME of its own, as on a fresh clone:
 * each answers with its exit code and a clear message, none needs an earlier command. {@code ./cx up} itself is
 * {@link StackEndToEndIT}'s. Keycloak and the services are looked for on free ports, so a developer's running stack
 * cannot answer in their place.
 */
class CxCommandsIT {

    static Path repoRoot;
    static Path cxHome;
    static int freePort;

    record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void freshHome() throws IOException {
        repoRoot = StackEndToEndIT.findRepoRoot();
        cxHome = Files.createTempDirectory("cx-commands-home-");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void deleteHome() throws IOException {
        try (Stream<Path> paths = Files.walk(cxHome)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void helpNamesEveryCommandAndTheDefaultsTheReadmeGives() throws Exception {
        Result help = cx("help");
        assertEquals(0, help.exitCode(), help.output());
        for (String expected : List.of("up ", "down ", "reset ", "status ", "token ROLE", "logs NAME",
                "bench ingestion", "bench caller-card", "bench experiment", "bench clv-fit", "CX_PG_EXTERNAL", "[15432]")) {
            assertTrue(help.output().contains(expected), "./cx help lacks '" + expected + "'");
        }
        String readme = Files.readString(repoRoot.resolve("README.md"));
        for (String command : List.of("./cx up", "./cx down", "./cx reset", "./cx token", "./mvnw verify")) {
            assertTrue(readme.contains(command), "the README lacks " + command);
        }
        Result unknown = cx("frobnicate");
        assertEquals(2, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("unknown command 'frobnicate'"), unknown.output());
    }

    @Test
    void statusDownAndResetWorkOnAStackThatNeverRan() throws Exception {
        Result status = cx("status");
        assertEquals(0, status.exitCode(), status.output());
        for (String component : List.of("postgres", "kafka", "mongo", "keycloak", "ingestion-service",
                "scoring-service", "experiment-service", "reporting-service")) {
            assertTrue(status.output().lines().anyMatch(l -> l.contains(component) && l.contains("down")),
                    component + " is not shown as down:\n" + status.output());
        }
        Result down = cx("down");
        assertEquals(0, down.exitCode(), down.output());

        Files.createDirectories(cxHome.resolve("kafka/data"));
        Files.createDirectories(cxHome.resolve("mongo"));
        Files.writeString(cxHome.resolve("mongo/data.mv"), "stale");
        Files.createDirectories(cxHome.resolve("logs"));
        Result reset = cx("reset");
        assertEquals(0, reset.exitCode(), reset.output());
        for (String gone : List.of("kafka", "mongo", "logs", "postgres")) {
            assertFalse(Files.exists(cxHome.resolve(gone)), gone + " is left after ./cx reset");
        }
    }

    @Test
    void tokenAndLogsSayWhatIsMissing() throws Exception {
        Result token = cx(Map.of("CX_KEYCLOAK_PORT", Integer.toString(freePort)), "token", "agent");
        assertEquals(1, token.exitCode(), token.output());
        assertTrue(token.output().contains("Keycloak is not reachable"), token.output());
        Result badRole = cx("token", "superuser");
        assertEquals(1, badRole.exitCode(), badRole.output());
        assertTrue(badRole.output().contains("usage: ./cx token"), badRole.output());

        Result logs = cx("logs");
        assertEquals(0, logs.exitCode(), logs.output());
        Result noLog = cx("logs", "postgres");
        assertEquals(1, noLog.exitCode(), noLog.output());
        assertTrue(noLog.output().contains("no log for 'postgres'"), noLog.output());
    }

    @Test
    void benchmarksDescribeThemselvesAndRefuseAStackThatIsDown() throws Exception {
        Result usage = cx("bench");
        assertEquals(2, usage.exitCode(), usage.output());
        for (String bench : List.of("ingestion", "caller-card", "experiment")) {
            Result help = cx("bench", bench, "--help");
            assertEquals(0, help.exitCode(), help.output());
            assertTrue(help.output().contains("--rate") || help.output().contains("--records")
                    || help.output().contains("--results-requests"), help.output());
            Result down = cx(Map.of("CX_PORT_INGESTION", Integer.toString(freePort),
                    "CX_PORT_SCORING", Integer.toString(freePort), "CX_PORT_EXPERIMENT", Integer.toString(freePort)),
                    "bench", bench);
            assertEquals(2, down.exitCode(), down.output());
            assertTrue(down.output().contains("is not up"), down.output());
        }
        Result clvHelp = cx("bench", "clv-fit", "--help");
        assertEquals(0, clvHelp.exitCode(), clvHelp.output());
        Result badCount = cx("bench", "clv-fit", "--customers", "many");
        assertEquals(1, badCount.exitCode(), badCount.output());
        assertTrue(badCount.output().contains("--customers must be a positive whole number"), badCount.output());
    }

    /**
     * The CLV fit benchmark compiles scoring-service's tests with the modules it depends on from this repository (a
     * fresh clone has none of them in the local Maven repository), then fits simulated customers.
     */
    @Test
    void clvFitBuildsWhatItNeedsAndFits() throws Exception {
        Files.deleteIfExists(repoRoot.resolve("scoring-service/target/clv-bench.classpath"));
        Result fit = cx("bench", "clv-fit", "--customers", "20000");
        assertEquals(0, fit.exitCode(), fit.output());
        assertTrue(fit.output().contains("customers: 20,000"), fit.output());
        assertEquals(2, fit.output().split("converged true", -1).length - 1, "both fits converge:\n" + fit.output());
    }

    static Result cx(String... args) throws Exception {
        return cx(Map.of(), args);
    }

    /** Runs {@code ./cx ARGS} in this test's CX_HOME, never building the stack (the reactor has just packaged it). */
    static Result cx(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", repoRoot.resolve("cx").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("CX_") && !k.equals("CX_REPO_ROOT"));
        env.put("CX_HOME", cxHome.toString());
        env.putAll(extraEnv);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./cx " + String.join(" ", args) + " did not finish within 10 minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("[cx " + String.join(" ", args) + "] exit " + process.exitValue() + "\n" + text);
        return new Result(process.exitValue(), text);
    }
}
