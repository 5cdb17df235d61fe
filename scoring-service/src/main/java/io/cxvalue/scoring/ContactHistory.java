package io.cxvalue.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A customer's recent contacts as the caller card shows them, as of an instant.
 *
 * <h2>Rules</h2>
 * Every figure looks only at contacts that started in the lookback window {@code (asOf - lookback, asOf]} (30 days by
 * default); older contacts are history the card does not show.
 * <ul>
 *   <li><b>Contacts in the last 7 / 30 days</b>: contacts that started in {@code (asOf - 7 days, asOf]} /
 *       {@code (asOf - 30 days, asOf]}, abandoned ones included.</li>
 *   <li><b>Last contact</b>: the one that started last (ties: the greatest interaction id); its channel, reason and
 *       transfers are reported.</li>
 *   <li><b>Open issue</b>: the latest <em>handled</em> (not abandoned) contact was not resolved ({@code resolved}
 *       false, or not recorded: an issue counts as closed only when an agent said so). Its reason, possibly unknown,
 *       is the open issue's reason. Abandoned contacts neither open nor close an issue.</li>
 *   <li><b>Repeat caller</b>: two or more contacts with the same (recorded) contact reason started within the repeat
 *       window {@code (asOf - repeatWindow, asOf]} (7 days by default, as ARCHITECTURE.md's repeat window); the
 *       repeated reason is reported (several: the one contacted about most recently). Contacts without a reason do
 *       not count, abandoned ones with a reason do.</li>
 *   <li><b>Last sentiment</b>: the sentiment of the latest contact whose sentiment was measured.</li>
 * </ul>
 *
 * @param contactsLast7Days  contacts started in the last 7 days
 * @param contactsLast30Days contacts started in the last 30 days
 * @param lastContact        the latest contact in the lookback window, or null when there is none
 * @param openIssue          whether the latest handled contact is unresolved
 * @param openIssueReason    that contact's reason, when open and recorded
 * @param repeatCaller       whether the customer contacted us twice or more about one reason in the repeat window
 * @param repeatReason       that reason, when a repeat caller
 * @param lastSentiment      the latest measured sentiment (-1..1), or null
 * @param lastSentimentAt    when the contact with that sentiment started, or null
 */
public record ContactHistory(
        long contactsLast7Days,
        long contactsLast30Days,
        ContactLogEntry lastContact,
        boolean openIssue,
        String openIssueReason,
        boolean repeatCaller,
        String repeatReason,
        Double lastSentiment,
        Instant lastSentimentAt) {

    public static final Duration LAST_7_DAYS = Duration.ofDays(7);
    public static final Duration LAST_30_DAYS = Duration.ofDays(30);

    /** The rule parameters: the window the history looks at, and the repeat window. */
    public record Rules(Duration lookback, Duration repeatWindow) {

        public static final Rules DEFAULT = new Rules(LAST_30_DAYS, LAST_7_DAYS);

        public Rules {
            Objects.requireNonNull(lookback, "lookback");
            Objects.requireNonNull(repeatWindow, "repeatWindow");
            if (lookback.compareTo(LAST_30_DAYS) < 0 || repeatWindow.compareTo(lookback) > 0
                    || repeatWindow.isNegative() || repeatWindow.isZero()) {
                throw new IllegalArgumentException("Need 0 < repeatWindow <= lookback and lookback >= 30 days: "
                        + repeatWindow + ", " + lookback);
            }
        }
    }

    /** The history of nothing. */
    public static final ContactHistory NONE = new ContactHistory(0, 0, null, false, null, false, null, null, null);

    /**
     * The history as of {@code asOf} from the customer's contacts (those outside {@code (asOf - lookback, asOf]} are
     * ignored, so passing more is harmless).
     */
    public static ContactHistory of(List<ContactLogEntry> contacts, Instant asOf, Rules rules) {
        Objects.requireNonNull(asOf, "asOf");
        Instant lookbackStart = asOf.minus(rules.lookback());
        List<ContactLogEntry> recent = contacts.stream()
                .filter(c -> within(c.startedAt(), lookbackStart, asOf))
                .sorted(Comparator.comparing(ContactLogEntry::startedAt)
                        .thenComparing(ContactLogEntry::interactionId).reversed())
                .toList();
        if (recent.isEmpty()) {
            return NONE;
        }
        long last7 = recent.stream().filter(c -> within(c.startedAt(), asOf.minus(LAST_7_DAYS), asOf)).count();
        long last30 = recent.stream().filter(c -> within(c.startedAt(), asOf.minus(LAST_30_DAYS), asOf)).count();

        ContactLogEntry latestHandled = recent.stream().filter(c -> !c.abandoned()).findFirst().orElse(null);
        boolean open = latestHandled != null && !Boolean.TRUE.equals(latestHandled.resolved());

        Instant repeatStart = asOf.minus(rules.repeatWindow());
        List<ContactLogEntry> inRepeatWindow = recent.stream()
                .filter(c -> c.contactReason() != null && within(c.startedAt(), repeatStart, asOf))
                .toList();
        Map<String, Integer> byReason = new HashMap<>();
        inRepeatWindow.forEach(c -> byReason.merge(c.contactReason(), 1, Integer::sum));
        // Latest first: of the reasons with two or more contacts, the one contacted about most recently.
        String repeatReason = inRepeatWindow.stream()
                .map(ContactLogEntry::contactReason)
                .filter(reason -> byReason.get(reason) >= 2)
                .findFirst().orElse(null);

        ContactLogEntry withSentiment = recent.stream().filter(c -> c.sentiment() != null).findFirst().orElse(null);
        return new ContactHistory(last7, last30, recent.get(0),
                open, open ? latestHandled.contactReason() : null,
                repeatReason != null, repeatReason,
                withSentiment == null ? null : withSentiment.sentiment(),
                withSentiment == null ? null : withSentiment.startedAt());
    }

    private static boolean within(Instant t, Instant exclusiveStart, Instant inclusiveEnd) {
        return t.isAfter(exclusiveStart) && !t.isAfter(inclusiveEnd);
    }
}
