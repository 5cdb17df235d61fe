package io.cxvalue.scoring.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StaleWhileRefreshTest {

    /** A store whose reads are answered by the test, one emitter per read started. */
    private final List<UniEmitter<? super String>> reads = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final StaleWhileRefresh<String> value = new StaleWhileRefresh<>("test value", Duration.ofNanos(100),
            () -> Uni.createFrom().emitter(reads::add), now::get, () -> Runnable::run, () -> Runnable::run);

    private static AtomicReference<String> take(Uni<String> uni) {
        AtomicReference<String> got = new AtomicReference<>();
        uni.subscribe().with(got::set, failure -> got.set("failed: " + failure.getMessage()));
        return got;
    }

    /** The first read, answered with {@code kept}. */
    private void keepAfterFirstRead(String kept) {
        take(value.get());
        reads.get(0).complete(kept);
    }

    @Test
    void firstReadsWaitForOneSharedRead() {
        AtomicReference<String> a = take(value.get());
        AtomicReference<String> b = take(value.get());
        assertEquals(1, reads.size());
        assertNull(a.get());
        reads.get(0).complete("v1");
        assertEquals("v1", a.get());
        assertEquals("v1", b.get());
        assertEquals("v1", take(value.get()).get());
        assertEquals(1, reads.size());
    }

    @Test
    void anExpiredValueIsAnsweredAtOnceWhileOneRefreshRuns() {
        keepAfterFirstRead("v1");
        now.addAndGet(100);
        assertEquals("v1", take(value.get()).get());
        assertEquals("v1", take(value.get()).get());
        assertEquals(2, reads.size());
        reads.get(1).complete("v2");
        assertEquals("v2", take(value.get()).get());
        assertEquals(2, reads.size());
    }

    @Test
    void aFailedRefreshKeepsTheOldValueForAnotherTimeToLive() {
        keepAfterFirstRead("v1");
        now.addAndGet(150);
        take(value.get());
        reads.get(1).fail(new IllegalStateException("store down"));
        assertEquals("v1", take(value.get()).get());
        assertEquals(2, reads.size());
        now.addAndGet(100);
        assertEquals("v1", take(value.get()).get());
        assertEquals(3, reads.size());
    }

    @Test
    void aFailedFirstReadFailsItsCallersAndTheNextReadTriesAgain() {
        AtomicReference<String> a = take(value.get());
        reads.get(0).fail(new IllegalStateException("store down"));
        assertEquals("failed: store down", a.get());
        AtomicReference<String> b = take(value.get());
        assertEquals(2, reads.size());
        reads.get(1).complete("v1");
        assertEquals("v1", b.get());
    }

    @Test
    void aReadStartedBeforeAChangeDoesNotOverwriteIt() {
        keepAfterFirstRead("v1");
        now.addAndGet(100);
        take(value.get());
        value.replace("changed here");
        reads.get(1).complete("read before the change");
        assertEquals("changed here", take(value.get()).get());

        value.invalidate();
        AtomicReference<String> waiting = take(value.get());
        assertEquals(3, reads.size());
        reads.get(2).complete("after invalidate");
        assertEquals("after invalidate", waiting.get());
    }
}
