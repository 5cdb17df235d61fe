package io.cxvalue.reporting.contact;

import io.cxvalue.reporting.kpi.IssueChains;

import java.util.List;

/**
 * A customer's handled contacts, which their issues are chained from. A customer merged into another keeps no
 * contacts of its own: {@code mergedInto} names the survivor, whose history holds them all.
 */
public record CustomerHistory(String customerId, String mergedInto, List<Entry> contacts) {

    public CustomerHistory {
        contacts = List.copyOf(contacts);
    }

    /** One handled contact and the team-day it is listed in. */
    public record Entry(IssueChains.Contact contact, ContactDay day) {
    }
}
