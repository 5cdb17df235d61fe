package io.cxvalue.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/** What the benchmarks' main methods, preflights and reports share: exit codes, the HTTP client, console output. */
final class BenchSupport {

    /** A benchmark run on parsed options; answers the exit code. */
    @FunctionalInterface
    interface Run<O> {
        int run(O options) throws Exception;
    }

    private BenchSupport() {
    }

    /**
     * Parses the options (usage and exit code 0 for --help, 2 for a wrong option), runs, and exits with the run's
     * code, or 2 when the stack is not ready or the run failed.
     */
    static <O> void main(String[] args, Function<String[], O> parse, String usage, Run<O> run) {
        O options;
        try {
            options = parse.apply(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(usage);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        int exit;
        try {
            exit = run.run(options);
        } catch (StackNotReady e) {
            System.err.println("error: " + e.getMessage());
            exit = 2;
        } catch (Exception e) {
            System.err.println("error: the benchmark failed: " + e);
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    /** HTTP/1.1: the services' keep-alive connections, as the clients in front of them use. */
    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Fails unless the service answers 200 on its readiness check; {@code startHint} says how to start it. */
    static void requireReady(HttpClient http, String name, String url, String startHint)
            throws StackNotReady, InterruptedException {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200) {
                throw new StackNotReady(name + " at " + url + " is not ready (HTTP "
                        + health.statusCode() + "): " + startHint);
            }
        } catch (IOException e) {
            throw new StackNotReady(name + " is not reachable at " + url + " (" + e + "): " + startHint);
        }
    }

    /** The 1, 5 and 15 minute load averages, or n/a off Linux: other load makes the figures pessimistic. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** One line of the report; flushed so that progress shows while ./cx pipes it through tee. */
    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /**
     * POSTs one batch body to ingestion with the channel gateway's token: retried on a lost connection, a 5xx or an
     * expired token (a resend is safe, records stored before come back as duplicates); the answer's JSON.
     */
    static JsonNode postBatch(HttpClient http, TokenSource tokens, URI uri, byte[] body)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            String token = tokens.get();
            HttpResponse<byte[]> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                // A resend is safe: records already stored come back as duplicates and the totals show it.
                last = e;
                Thread.sleep(500);
                continue;
            }
            if (response.statusCode() == 200) {
                return new ObjectMapper().readTree(response.body());
            }
            String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            last = new IOException("HTTP " + response.statusCode() + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
            if (response.statusCode() == 401) {
                tokens.invalidate(token);
            } else if (response.statusCode() < 500) {
                throw last;
            } else {
                Thread.sleep(500);
            }
        }
        throw last;
    }
}
