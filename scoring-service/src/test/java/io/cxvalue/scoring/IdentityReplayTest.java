package io.cxvalue.scoring;

import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.scoring.CustomerIdentity.Key;
import io.cxvalue.scoring.IdentityReplay.Link;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdentityReplayTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);
    private static final Key PHONE = new Key(IdentityKind.PHONE, "+4915112345678");
    private static final Key EMAIL = new Key(IdentityKind.EMAIL, "ann@example.com");
    private static final Key CRM = new Key(IdentityKind.CRM_ID, "crm-1");

    private final IdentityReplay replay = new IdentityReplay();

    @Test
    void anUpsertMakesTheKeysExactlyTheKeptOnesItListsExceptThoseLinkedAfterIt() {
        replay.stored(PHONE, new Link("c-1", T1));
        replay.stored(EMAIL, new Link("c-1", T3));

        replay.upsert("c-1", T2, List.of(identity(CRM), new Identity(IdentityKind.SOCIAL, "@ann", "x")));

        assertEquals(Set.of(PHONE), replay.removed());
        assertEquals(Map.of(CRM, new Link("c-1", T2)), replay.changed());
        assertEquals(Map.of("c-1", T2), replay.touched());
    }

    @Test
    void aLinkTakesAKeyOverOnlyWhenItIsNotOlderThanTheStoredOne() {
        replay.stored(PHONE, new Link("c-1", T2));

        replay.link("c-2", identity(PHONE), T1);
        assertEquals(Map.of(), replay.changed());

        replay.link("c-2", identity(PHONE), T2);
        assertEquals(Map.of(PHONE, new Link("c-2", T2)), replay.changed());
    }

    @Test
    void eventsAreReplayedInOrderOnWhatTheEarlierOnesLeft() {
        // c-2 takes the phone from c-1, then c-1's upsert (not listing it) no longer owns it: nothing removed.
        replay.stored(PHONE, new Link("c-1", T1));
        replay.link("c-2", identity(PHONE), T2);
        replay.upsert("c-1", T3, List.of());
        assertEquals(Set.of(), replay.removed());
        assertEquals(Map.of(PHONE, new Link("c-2", T2)), replay.changed());

        // c-2's later upsert without it removes it; a link after that brings it back as a change, not a removal.
        replay.upsert("c-2", T3, List.of());
        assertEquals(Set.of(PHONE), replay.removed());
        assertEquals(Map.of(), replay.changed());
        replay.link("c-3", identity(PHONE), T3);
        assertEquals(Set.of(), replay.removed());
        assertEquals(Map.of(PHONE, new Link("c-3", T3)), replay.changed());
        assertEquals(Map.of("c-1", T3, "c-2", T3, "c-3", T3), replay.touched());
    }

    @Test
    void aKindThatIsNotKeptOnlyTouchesTheCustomer() {
        replay.link("c-1", new Identity(IdentityKind.SOCIAL, "@ann", "x"), T2);
        replay.link("c-1", identity(EMAIL), T1);

        assertEquals(Map.of(EMAIL, new Link("c-1", T1)), replay.changed());
        assertEquals(Map.of("c-1", T2), replay.touched());
    }

    private static Identity identity(Key key) {
        return new Identity(key.kind(), key.value(), null);
    }
}
