package io.cxvalue.reporting.contact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The contacts of one team on one UTC day: the unit in which contacts are listed, and in which a change marks the
 * rollups to recompute. Contacts without a team form a team of their own ({@link #NO_TEAM}).
 */
public record ContactDay(String teamId, LocalDate date) implements Comparable<ContactDay> {

    /** Stands for "no team"; not a valid team id, so it cannot collide with one. */
    public static final String NO_TEAM = "~";

    public ContactDay {
        teamId = teamId == null ? NO_TEAM : teamId;
    }

    public static ContactDay of(String teamId, Instant startedAt) {
        return new ContactDay(teamId, LocalDate.ofInstant(startedAt, ZoneOffset.UTC));
    }

    /** The storage key: team and ISO date ('|' occurs in no team id). */
    public String id() {
        return teamId + "|" + date;
    }

    public static ContactDay parse(String id) {
        int bar = id.lastIndexOf('|');
        return new ContactDay(id.substring(0, bar), LocalDate.parse(id.substring(bar + 1)));
    }

    public Instant start() {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant end() {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public int compareTo(ContactDay other) {
        int byTeam = teamId.compareTo(other.teamId);
        return byTeam != 0 ? byTeam : date.compareTo(other.date);
    }
}
