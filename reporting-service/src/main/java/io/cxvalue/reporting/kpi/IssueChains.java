package io.cxvalue.reporting.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One customer's issues, as docs/ARCHITECTURE.md defines them: an issue is a chain of handled contacts with one
 * contact reason, each next contact starting within the repeat window of the previous one's start. Plain Java; the
 * first-contact-resolution, repeat-contact, touchpoint, runaround and time-to-resolution figures are read off the
 * chains. Abandoned contacts reached nobody and belong to no chain. A merged customer's contacts are passed together.
 */
public final class IssueChains {

    /** A handled contact of the customer. */
    public record Contact(String interactionId, Instant startedAt, Instant endedAt, String contactReason,
            String channel, int transfers, Boolean resolved) {

        public Contact {
            Objects.requireNonNull(interactionId, "interactionId");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(endedAt, "endedAt");
        }
    }

    /**
     * One issue.
     *
     * @param contactReason the reason shared by its contacts ("" when they recorded none)
     * @param windowClosed  whether the repeat window after its last contact has passed: only then is it known not to
     *                      continue
     */
    public record Chain(String contactReason, List<Contact> contacts, boolean windowClosed) {

        public Chain {
            contacts = List.copyOf(contacts);
        }

        /** Resolved at the first contact: one contact, and its window closed. */
        public boolean firstContactResolved() {
            return windowClosed && contacts.size() == 1;
        }

        public int touchpoints() {
            return contacts.size();
        }

        /** Transfers plus channel switches within the issue. */
        public int runaround() {
            int switches = 0;
            for (int i = 1; i < contacts.size(); i++) {
                if (!Objects.equals(contacts.get(i).channel(), contacts.get(i - 1).channel())) {
                    switches++;
                }
            }
            return contacts.stream().mapToInt(Contact::transfers).sum() + switches;
        }

        /** Whether the last contact was marked resolved. */
        public boolean endedResolved() {
            return Boolean.TRUE.equals(contacts.get(contacts.size() - 1).resolved());
        }

        /** From the first contact's start to the last contact's end, for an issue that ended resolved; else null. */
        public Duration timeToResolution() {
            return endedResolved()
                    ? Duration.between(contacts.get(0).startedAt(), contacts.get(contacts.size() - 1).endedAt())
                    : null;
        }
    }

    private IssueChains() {
    }

    /**
     * The customer's issues as of {@code asOf}, ordered by their first contact.
     *
     * @param contacts the customer's handled contacts, in any order
     */
    public static List<Chain> of(List<Contact> contacts, Duration repeatWindow, Instant asOf) {
        List<Contact> sorted = new ArrayList<>(contacts);
        sorted.sort(Comparator.comparing(Contact::startedAt).thenComparing(Contact::interactionId));
        Map<String, List<List<Contact>>> byReason = new LinkedHashMap<>();
        for (Contact c : sorted) {
            List<List<Contact>> chains = byReason.computeIfAbsent(reason(c), r -> new ArrayList<>());
            List<Contact> open = chains.isEmpty() ? null : chains.get(chains.size() - 1);
            Instant previous = open == null ? null : open.get(open.size() - 1).startedAt();
            if (previous != null && !previous.plus(repeatWindow).isBefore(c.startedAt())) {
                open.add(c);
            } else {
                List<Contact> chain = new ArrayList<>();
                chain.add(c);
                chains.add(chain);
            }
        }
        List<Chain> out = new ArrayList<>();
        byReason.forEach((reason, chains) -> chains.forEach(chain -> out.add(new Chain(reason, chain,
                !chain.get(chain.size() - 1).startedAt().plus(repeatWindow).isAfter(asOf)))));
        out.sort(Comparator.comparing((Chain c) -> c.contacts().get(0).startedAt())
                .thenComparing(c -> c.contacts().get(0).interactionId()));
        return out;
    }

    /**
     * A handled contact's place in its issue, as the KPIs count it: an issue is counted at the contact that opened it
     * (in that contact's team, agent, channel, reason and day); a contact that continues an issue counts as a repeat
     * contact where it happened.
     *
     * @param repeat whether the contact continues an issue opened by an earlier contact
     * @param opened the issue the contact opened; null for a repeat contact
     */
    public record Role(boolean repeat, Issue opened) {
    }

    /**
     * An issue as counted at its first contact. Whether it is closed is a matter of time ({@code closesAt}), so the
     * figures read it at the time they are computed.
     *
     * @param closesAt          when the repeat window after its last contact passes
     * @param channels          distinct channels its contacts used
     * @param resolutionSeconds first contact's start to the last contact's end, when it ended resolved; else null
     */
    public record Issue(int touchpoints, Instant closesAt, int runaround, int transfers, int channels,
            boolean endedResolved, Long resolutionSeconds) {

        public boolean closedBy(Instant asOf) {
            return !closesAt.isAfter(asOf);
        }

        public boolean firstContactResolvedBy(Instant asOf) {
            return closedBy(asOf) && touchpoints == 1;
        }
    }

    /** Each contact's role in {@code chains}, by interaction id. */
    public static Map<String, Role> roles(List<Chain> chains, Duration repeatWindow) {
        Map<String, Role> roles = new LinkedHashMap<>();
        for (Chain chain : chains) {
            List<Contact> contacts = chain.contacts();
            Contact last = contacts.get(contacts.size() - 1);
            Duration resolution = chain.timeToResolution();
            Issue issue = new Issue(chain.touchpoints(), last.startedAt().plus(repeatWindow), chain.runaround(),
                    contacts.stream().mapToInt(Contact::transfers).sum(),
                    (int) contacts.stream().map(Contact::channel).distinct().count(),
                    chain.endedResolved(), resolution == null ? null : resolution.toSeconds());
            roles.put(contacts.get(0).interactionId(), new Role(false, issue));
            for (int i = 1; i < contacts.size(); i++) {
                roles.put(contacts.get(i).interactionId(), new Role(true, null));
            }
        }
        return roles;
    }

    /** Contacts that continue an issue rather than open one: the numerator of the repeat-contact rate. */
    public static int repeatContacts(List<Chain> chains) {
        return chains.stream().mapToInt(c -> c.touchpoints() - 1).sum();
    }

    private static String reason(Contact c) {
        return c.contactReason() == null ? "" : c.contactReason();
    }
}
