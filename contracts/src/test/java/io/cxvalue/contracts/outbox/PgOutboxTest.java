package io.cxvalue.contracts.outbox;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.OutboxEvent;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The row mapping; the SQL itself runs against PostgreSQL in the services' outbox tests. */
class PgOutboxTest {

    private static final Instant T = Instant.parse("2026-03-14T09:26:53.589123Z");

    @Test
    void mapsAClaimedRowToTheEventWithItsStoredIdAndSequence() {
        OutboxEvent event = PgOutbox.toEvent(new Object[] {"id-1", 17L, EventType.ERASURE_COMPLETED.ceType(), "cust-1",
                "{}", OffsetDateTime.ofInstant(T, ZoneOffset.ofHours(2))});

        assertEquals(new OutboxEvent("id-1", EventType.ERASURE_COMPLETED, "cust-1", "{}", T, 17), event);
    }

    @Test
    void readsTheTimestampTypesADriverMayHandOver() {
        assertEquals(T, PgOutbox.instant(T));
        assertEquals(T, PgOutbox.instant(OffsetDateTime.ofInstant(T, ZoneOffset.UTC)));
        assertEquals(T, PgOutbox.instant(T.atZone(ZoneOffset.ofHours(-5))));
        assertEquals(T, PgOutbox.instant(Timestamp.from(T)));
        assertThrows(IllegalStateException.class, () -> PgOutbox.instant("2026-03-14"));
    }

    @Test
    void refusesARowOfAnUnknownType() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> PgOutbox.toEvent(
                new Object[] {"id-2", 1, "com.example.unknown.v1", "cust-1", "{}", T}));
        assertTrue(failure.getMessage().contains("id-2"));
    }

    @Test
    void claimsInSequenceOrderSkippingLockedRows() {
        String claim = PgOutbox.CLAIM.replaceAll("\\s+", " ");
        assertTrue(claim.contains("order by sequence_number limit :limit for update skip locked"), claim);
    }
}
