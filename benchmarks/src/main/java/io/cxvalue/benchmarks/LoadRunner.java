package io.cxvalue.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An open-loop HTTP load generator: one Vert.x event loop and a bounded pool of HTTP/1.1 keep-alive connections;
 * a scheduler thread releases requests at their intended times ({@link OpenLoopSchedule}), whether or not the
 * earlier ones were answered; each answer's latency is measured from its intended send time. Requests that find every
 * connection busy wait in the pool's queue, and that wait counts. An answer later than the timeout, or none, is a
 * timeout (a failure); a non-2xx answer is a failure; neither is recorded as a latency.
 */
final class LoadRunner implements AutoCloseable {

    /** What request i asks for and which answer is expected. */
    record Target(String uri, String expectInBody) {
    }

    /** The outcome of a run: the measured requests' statistics, the measured window and the CPU used in it. */
    record Result(LatencyStats stats, long scheduled, double seconds, double achievedRate, double answeredRate,
                  Map<String, Double> cores, long warmupErrors, String firstWarmupError, long[] worstBySecond) {

        /** The measured second (from the start of the measured window) whose slowest answer was the slowest. */
        int worstSecond() {
            int worst = 0;
            for (int i = 1; i < worstBySecond.length; i++) {
                if (worstBySecond[i] > worstBySecond[worst]) {
                    worst = i;
                }
            }
            return worst;
        }

        /** How many measured seconds had an answer slower than {@code nanos}. */
        long secondsSlowerThan(long nanos) {
            return java.util.Arrays.stream(worstBySecond).filter(max -> max > nanos).count();
        }
    }

    /**
     * What only measured requests update: the count still unanswered, the time of the last answer and the slowest
     * answer per second of intended send time (where stalls are). Written on the event loop only.
     */
    private record Window(AtomicLong outstanding, AtomicLong lastAnswer, long start, long[] worstBySecond) {

        void answered(long intended, long latency) {
            int second = (int) Math.min(worstBySecond.length - 1, (intended - start) / 1_000_000_000L);
            worstBySecond[second] = Math.max(worstBySecond[second], latency);
            lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
            outstanding.decrementAndGet();
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Context context;
    private final int timeoutMs;

    LoadRunner(String baseUrl, int connections, int timeoutMs) {
        URI base = URI.create(baseUrl);
        this.timeoutMs = timeoutMs;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setPreferNativeTransport(false));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(base.getHost())
                        .setDefaultPort(base.getPort() > 0 ? base.getPort() : 80)
                        .setKeepAlive(true)
                        .setPipelining(false)
                        .setTcpNoDelay(true)
                        .setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.context = vertx.getOrCreateContext();
    }

    /**
     * Sends warm-up then measured requests at {@code rate}, {@code targets.apply(i)} for request i.
     *
     * @param authorization current value of the Authorization header (read at each send: tokens are renewed)
     */
    Result run(double rate, int warmupSeconds, int durationSeconds, java.util.function.LongFunction<Target> targets,
            Supplier<String> authorization, ProcessCpu cpu) throws InterruptedException {
        long warmup = OpenLoopSchedule.count(rate, warmupSeconds);
        long measured = OpenLoopSchedule.count(rate, durationSeconds);
        long start = System.nanoTime() + 50_000_000L;
        OpenLoopSchedule schedule = new OpenLoopSchedule(start, rate, warmup + measured);
        long measureStart = warmup < schedule.count() ? schedule.intendedNanos(warmup) : schedule.endNanos();
        LatencyStats warm = new LatencyStats();
        LatencyStats stats = new LatencyStats();
        AtomicLong outstanding = new AtomicLong();          // every request sent and not answered yet
        AtomicLong measuredOutstanding = new AtomicLong();  // of which measured ones
        AtomicLong lastMeasuredAnswer = new AtomicLong(measureStart);
        long[] worstBySecond = new long[Math.max(1, durationSeconds)];
        Window window = new Window(measuredOutstanding, lastMeasuredAnswer, measureStart, worstBySecond);
        long timeoutNanos = timeoutMs * 1_000_000L;
        boolean[] closed = {false};

        ProcessCpu.Snapshot before = null;
        long sent = 0;
        while (sent < schedule.count()) {
            long now = System.nanoTime();
            long due = schedule.dueAt(now);
            if (due > sent) {
                if (before == null && due > warmup) {
                    before = cpu.snapshot();
                }
                long from = sent;
                long to = due;
                sent = due;
                outstanding.addAndGet(to - from);
                measuredOutstanding.addAndGet(to - Math.max(from, warmup) > 0 ? to - Math.max(from, warmup) : 0);
                String auth = authorization.get();
                context.runOnContext(v -> {
                    for (long i = from; i < to; i++) {
                        long intended = schedule.intendedNanos(i);
                        boolean inWarmup = i < warmup;
                        send(targets.apply(i), auth, intended, timeoutNanos, inWarmup ? warm : stats, outstanding,
                                inWarmup ? null : window, closed);
                    }
                });
            } else {
                long wait = schedule.intendedNanos(sent) - now;
                if (wait > 20_000) {
                    LockSupport.parkNanos(Math.min(wait - 10_000, 1_000_000));
                } else {
                    Thread.onSpinWait();
                }
            }
        }
        if (before == null) {
            before = cpu.snapshot();
        }
        // Wait for the last answers: at most the timeout after the last intended send time, plus a grace second.
        long giveUp = schedule.endNanos() + timeoutNanos + 1_000_000_000L;
        while (outstanding.get() > 0 && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        ProcessCpu.Snapshot after = cpu.snapshot();
        // Close the phase on the event loop, where the statistics are written: what is still unanswered now is a
        // timeout, and an answer arriving later is ignored (it is already counted).
        java.util.concurrent.CompletableFuture<Void> settled = new java.util.concurrent.CompletableFuture<>();
        context.runOnContext(v -> {
            closed[0] = true;
            long unanswered = measuredOutstanding.get();
            for (long k = 0; k < unanswered; k++) {
                stats.recordTimeout("no answer " + timeoutMs + " ms after the last intended send time");
            }
            settled.complete(null);
        });
        try {
            settled.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client's event loop is stuck", e);
        }
        double seconds = Math.max(lastMeasuredAnswer.get(), schedule.endNanos()) - measureStart;
        seconds = seconds / 1e9;
        double achieved = seconds > 0 ? stats.ok() / seconds : 0;
        double answered = seconds > 0 ? stats.answered() / seconds : 0;
        return new Result(stats, measured, seconds, achieved, answered, before.coresUntil(after), warm.errors(),
                warm.firstError(), worstBySecond);
    }

    private void send(Target target, String auth, long intended, long timeoutNanos, LatencyStats into,
            AtomicLong outstanding, Window window, boolean[] closed) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(target.uri())
                .putHeader("Authorization", auth).putHeader("Accept", "application/json")
                .setIdleTimeout(timeoutMs);
        client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
                .onComplete(ar -> {
                    if (closed[0]) {
                        return;
                    }
                    long latency = System.nanoTime() - intended;
                    if (ar.succeeded()) {
                        Answer answer = ar.result();
                        if (answer.status < 200 || answer.status > 299) {
                            into.recordNon2xx("HTTP " + answer.status + " for " + target.uri() + ": "
                                    + answer.body.toString());
                        } else if (latency > timeoutNanos) {
                            into.recordLate("answered after " + latency / 1_000_000 + " ms: " + target.uri());
                        } else {
                            into.recordOk(latency);
                            if (target.expectInBody() != null
                                    && !answer.body.toString().contains(target.expectInBody())) {
                                into.recordUnexpected(target.uri() + " answered " + answer.body.toString());
                            }
                        }
                    } else if (ar.cause() instanceof TimeoutException
                            || String.valueOf(ar.cause()).toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
                        into.recordTimeout(String.valueOf(ar.cause()));
                    } else {
                        into.recordTransportError(String.valueOf(ar.cause()));
                    }
                    if (window != null) {
                        window.answered(intended, latency);
                    }
                    outstanding.decrementAndGet();
                });
    }

    private record Answer(int status, Buffer body) {
    }

    @Override
    public void close() {
        try {
            client.close().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
