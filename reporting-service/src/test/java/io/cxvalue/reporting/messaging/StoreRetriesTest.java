package io.cxvalue.reporting.messaging;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.consumer.StoreRetries;
import io.smallrye.mutiny.Uni;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Reporting's store writes under contracts' {@link StoreRetries} (as {@code PollProgressRecorder} records a poll's
 * progress), with the MongoDB driver's own failures.
 */
class StoreRetriesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void retriesAStoreFailureUntilTheWriteSucceeds() {
        Uni<String> write = failingFirst(2, StoreRetriesTest::storeDown);

        assertThat(withRetry(write, 3), equalTo("written"));
        assertThat(attempts.get(), equalTo(3));
    }

    @Test
    void waitsForAStoreThatIsAwayLongerThanTheRetries() {
        Uni<String> write = failingFirst(12, StoreRetriesTest::storeDown);

        assertThat(withRetry(write, 3), equalTo("written"));
        assertThat(attempts.get(), equalTo(13));
    }

    @Test
    void givesUpOnAStoreRefusalAfterTheConfiguredRetries() {
        Uni<String> write = failingFirst(Integer.MAX_VALUE, StoreRetriesTest::refused);

        RuntimeException failure = assertThrows(RuntimeException.class, () -> withRetry(write, 3));

        assertThat(failure, instanceOf(MongoCommandException.class));
        assertThat(attempts.get(), equalTo(4));
    }

    @Test
    void doesNotRetryAMalformedEvent() {
        Uni<String> write = failingFirst(1, () -> new MalformedEventException("bad"));

        assertThrows(MalformedEventException.class, () -> withRetry(write, 3));

        assertThat(attempts.get(), equalTo(1));
    }

    @Test
    void doesNotRetryARefusalWhenRetriesAreSwitchedOff() {
        Uni<String> write = failingFirst(1, StoreRetriesTest::refused);

        assertThrows(MongoCommandException.class, () -> withRetry(write, 0));

        assertThat(attempts.get(), equalTo(1));
    }

    private static String withRetry(Uni<String> write, int maxRetries) {
        return StoreRetries.withRetry(write, new PollConsumer.Retry(maxRetries, Duration.ofMillis(2),
                Duration.ofMillis(5)), failure -> failure instanceof MongoException, null).await().atMost(WAIT);
    }

    private Uni<String> failingFirst(int failures, Supplier<RuntimeException> failure) {
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

    /** The server refused the write (a failure of the write, not of the connection). */
    private static MongoCommandException refused() {
        return new MongoCommandException(BsonDocument.parse("{ok: 0, code: 11600, errmsg: 'interrupted'}"),
                new ServerAddress("mongo", 27017));
    }
}
