package io.cxvalue.scoring.model.cx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class InteractionFeaturesTest {

    private static InteractionRecorded event(Instant startedAt) {
        return new InteractionRecorded("i-1", "telephony", "ext-1", "c-1", Channel.VOICE, Direction.INBOUND,
                startedAt, 45, 300, null, 60, false, "agent-7", "team-2", "dept-1", "Billing", 1, Boolean.TRUE, -0.4,
                null, null, null);
    }

    @Test
    void takesTheEventsFieldsAndLocalTime() {
        // 2025-03-01 is a Saturday; 23:30 UTC is 00:30 Sunday in Berlin (UTC+1)
        InteractionFeatures f = InteractionFeatures.of(event(Instant.parse("2025-03-01T23:30:00Z")), true,
                ZoneId.of("Europe/Berlin"));
        assertEquals(new InteractionFeatures(Channel.VOICE, Direction.INBOUND, "Billing", 45, 300, null, 60, false, 1,
                Boolean.TRUE, true, -0.4, 0, DayOfWeek.SUNDAY), f);
        InteractionFeatures noTime = InteractionFeatures.of(event(null), false, ZoneId.of("UTC"));
        assertNull(noTime.hourOfDay());
        assertNull(noTime.dayOfWeek());
    }

    @Test
    void rejectsImpossibleValues() {
        assertThrows(NullPointerException.class, () -> new InteractionFeatures(null, null, null, null, null, null,
                null, false, 0, null, false, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new InteractionFeatures(Channel.CHAT, null, null, -1,
                null, null, null, false, 0, null, false, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new InteractionFeatures(Channel.CHAT, null, null, null,
                null, null, null, false, -1, null, false, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new InteractionFeatures(Channel.CHAT, null, null, null,
                null, null, null, false, 0, null, false, 1.5, null, null));
        assertThrows(IllegalArgumentException.class, () -> new InteractionFeatures(Channel.CHAT, null, null, null,
                null, null, null, false, 0, null, false, null, 24, null));
    }
}
