package io.cxvalue.reporting.repository;

import io.cxvalue.reporting.ContactFact;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** The BSON shape of a {@link ContactFact} in the {@value #COLLECTION} collection. */
final class ContactFactDocuments {

    static final String COLLECTION = "contact_facts";

    /** The interaction id: one document per contact. */
    static final String ID = "_id";
    static final String EVENT_ID = "eventId";
    static final String CUSTOMER_ID = "customerId";
    static final String CHANNEL = "channel";
    static final String DIRECTION = "direction";
    static final String STARTED_AT = "startedAt";
    static final String QUEUE_SECONDS = "queueSeconds";
    static final String TALK_SECONDS = "talkSeconds";
    static final String HOLD_SECONDS = "holdSeconds";
    static final String AFTER_WORK_SECONDS = "afterWorkSeconds";
    /** Talk + hold + after-work, stored so that aggregations sum one field. */
    static final String HANDLE_SECONDS = "handleSeconds";
    static final String ABANDONED = "abandoned";
    static final String RESOLVED = "resolved";
    static final String TRANSFERS = "transfers";
    static final String AGENT_ID = "agentId";
    static final String TEAM_ID = "teamId";
    static final String DEPARTMENT_ID = "departmentId";
    static final String CONTACT_REASON = "contactReason";
    /** When reporting applied the event: tells late-arriving data from late contacts. */
    static final String RECORDED_AT = "recordedAt";

    private ContactFactDocuments() {
    }

    /** The document for {@code fact}; absent optional values are left out rather than stored as null. */
    static Document toDocument(ContactFact fact, Instant recordedAt) {
        Document document = new Document(ID, fact.interactionId())
                .append(EVENT_ID, fact.eventId())
                .append(CUSTOMER_ID, fact.customerId())
                .append(CHANNEL, fact.channel().name())
                .append(DIRECTION, fact.direction().name())
                .append(STARTED_AT, Date.from(fact.startedAt()))
                .append(HANDLE_SECONDS, fact.handleSeconds())
                .append(ABANDONED, fact.abandoned())
                .append(TRANSFERS, fact.transfers())
                .append(RECORDED_AT, Date.from(recordedAt));
        appendIfPresent(document, QUEUE_SECONDS, fact.queueSeconds());
        appendIfPresent(document, TALK_SECONDS, fact.talkSeconds());
        appendIfPresent(document, HOLD_SECONDS, fact.holdSeconds());
        appendIfPresent(document, AFTER_WORK_SECONDS, fact.afterWorkSeconds());
        appendIfPresent(document, RESOLVED, fact.resolved());
        appendIfPresent(document, AGENT_ID, fact.agentId());
        appendIfPresent(document, TEAM_ID, fact.teamId());
        appendIfPresent(document, DEPARTMENT_ID, fact.departmentId());
        appendIfPresent(document, CONTACT_REASON, fact.contactReason());
        return document;
    }

    private static void appendIfPresent(Document document, String field, Object value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
