package io.cxvalue.reporting.messaging;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.reporting.config.ReportingConfig;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoreRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void retriesAStoreFailureUntilTheWriteSucceeds() {
        Uni<String> write = failingFirst(2, () -> storeDown());

        String result = StoreRetry.withRetry(write, policy(3)).await().atMost(WAIT);

        assertThat(result, equalTo("written"));
        assertThat(attempts.get(), equalTo(3));
    }

    @Test
    void givesUpAfterTheConfiguredRetries() {
        Uni<String> write = failingFirst(Integer.MAX_VALUE, () -> storeDown());

        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> StoreRetry.withRetry(write, policy(3)).await().atMost(WAIT));

        assertThat(failure, instanceOf(MongoSocketReadException.class));
        assertThat(attempts.get(), equalTo(4));
    }

    @Test
    void doesNotRetryAMalformedEvent() {
        Uni<String> write = failingFirst(1, () -> new MalformedEventException("bad"));

        assertThrows(MalformedEventException.class,
                () -> StoreRetry.withRetry(write, policy(3)).await().atMost(WAIT));

        assertThat(attempts.get(), equalTo(1));
    }

    @Test
    void doesNotRetryWhenRetriesAreSwitchedOff() {
        Uni<String> write = failingFirst(1, () -> storeDown());

        assertThrows(MongoSocketReadException.class,
                () -> StoreRetry.withRetry(write, policy(0)).await().atMost(WAIT));

        assertThat(attempts.get(), equalTo(1));
    }

    private Uni<String> failingFirst(int failures, java.util.function.Supplier<RuntimeException> failure) {
        return Uni.createFrom().item(() -> {
            if (attempts.incrementAndGet() <= failures) {
                throw failure.get();
            }
            return "written";
        });
    }

    private static MongoSocketReadException storeDown() {
        return new MongoSocketReadException("connection reset", new ServerAddress("mongo", 27017));
    }

    private static ReportingConfig.StoreRetry policy(int maxRetries) {
        return new Policy(maxRetries, Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private record Policy(int maxRetries, Duration initialBackoff, Duration maxBackoff)
            implements ReportingConfig.StoreRetry {
    }
}
