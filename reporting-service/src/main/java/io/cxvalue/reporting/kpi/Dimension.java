package io.cxvalue.reporting.kpi;

import io.cxvalue.reporting.contact.ContactFact;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** What KPIs are grouped and filtered by; a contact without a value (no agent for an abandoned call) has null. */
public enum Dimension {
    TEAM(ContactFact::teamId),
    AGENT(ContactFact::agentId),
    CHANNEL(c -> c.channel().name()),
    REASON(ContactFact::contactReason),
    DEPARTMENT(ContactFact::departmentId),
    CAMPAIGN(ContactFact::campaign);

    private final Function<ContactFact, String> value;

    Dimension(Function<ContactFact, String> value) {
        this.value = value;
    }

    public String value(ContactFact contact) {
        return value.apply(contact);
    }

    /** The name in the API ({@code agent}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Dimension> byKey(String key) {
        return Arrays.stream(values()).filter(d -> d.key().equals(key)).findFirst();
    }
}
