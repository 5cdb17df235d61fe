package io.cxvalue.reporting.repository;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.contact.Counted;
import io.cxvalue.reporting.kpi.IssueChains;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BSON shape of a {@link ContactRecord} in the {@value #COLLECTION} collection: one document per interaction
 * ({@code _id} = interaction id) with the interaction's fields, and arrays of what arrived about it, each element
 * pushed once (guarded by its id). A document made by a survey that arrived before its interaction has only the
 * arrays until the interaction arrives ({@link #isComplete}).
 */
final class ContactDocuments {

    static final String COLLECTION = "contacts";

    static final String ID = "_id";
    static final String CUSTOMER_ID = "customerId";
    static final String CHANNEL = "channel";
    static final String DIRECTION = "direction";
    static final String STARTED_AT = "startedAt";
    static final String QUEUE_SECONDS = "queueSeconds";
    static final String TALK_SECONDS = "talkSeconds";
    static final String HOLD_SECONDS = "holdSeconds";
    static final String AFTER_WORK_SECONDS = "afterWorkSeconds";
    static final String ABANDONED = "abandoned";
    static final String RESOLVED = "resolved";
    static final String TRANSFERS = "transfers";
    static final String AGENT_ID = "agentId";
    static final String TEAM_ID = "teamId";
    static final String DEPARTMENT_ID = "departmentId";
    static final String CONTACT_REASON = "contactReason";
    static final String CAMPAIGN = "campaign";
    static final String QUEUE = "queue";
    static final String SENTIMENT = "sentiment";
    static final String SALE_OFFERED = "saleOffered";
    static final String SALE_ACCEPTED = "saleAccepted";
    static final String SALE_AMOUNT = "saleAmount";
    static final String SALE_CURRENCY = "saleCurrency";
    /** When reporting first stored the interaction: tells late-arriving data from late contacts. */
    static final String RECORDED_AT = "recordedAt";

    static final String SURVEYS = "surveys";
    /** A survey's comment terms: keys and labels, in two lists of the same order. */
    static final String COMMENT_KEYS = "ck";
    static final String COMMENT_LABELS = "cl";
    static final String EVALUATIONS = "evaluations";
    static final String CANCELLATIONS = "cancellations";
    /** The element id each array is guarded by. */
    static final String ELEMENT_ID = "id";
    static final String ISSUE = "issue";
    /** What the rollups count of the contact, per update of the rollups that may still be asked for. */
    static final String COUNTED = "counted";

    private ContactDocuments() {
    }

    /** The interaction's fields, as {@code $set} writes them (absent optional values are left out). */
    static Document fields(ContactFact fact) {
        Document d = new Document(CUSTOMER_ID, fact.customerId())
                .append(CHANNEL, fact.channel().name())
                .append(DIRECTION, fact.direction().name())
                .append(STARTED_AT, Date.from(fact.startedAt()))
                .append(ABANDONED, fact.abandoned())
                .append(TRANSFERS, fact.transfers())
                .append(SALE_OFFERED, fact.saleOffered())
                .append(SALE_ACCEPTED, fact.saleAccepted());
        putIfPresent(d, QUEUE_SECONDS, fact.queueSeconds());
        putIfPresent(d, TALK_SECONDS, fact.talkSeconds());
        putIfPresent(d, HOLD_SECONDS, fact.holdSeconds());
        putIfPresent(d, AFTER_WORK_SECONDS, fact.afterWorkSeconds());
        putIfPresent(d, RESOLVED, fact.resolved());
        putIfPresent(d, AGENT_ID, fact.agentId());
        putIfPresent(d, TEAM_ID, fact.teamId());
        putIfPresent(d, DEPARTMENT_ID, fact.departmentId());
        putIfPresent(d, CONTACT_REASON, fact.contactReason());
        putIfPresent(d, CAMPAIGN, fact.campaign());
        putIfPresent(d, QUEUE, fact.queue());
        putIfPresent(d, SENTIMENT, fact.sentiment());
        putIfPresent(d, SALE_AMOUNT, fact.saleAmount());
        putIfPresent(d, SALE_CURRENCY, fact.saleCurrency());
        return d;
    }

    private static List<CommentTerm> commentTerms(List<String> keys, List<String> labels) {
        if (keys == null) {
            return null;
        }
        List<CommentTerm> terms = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            terms.add(new CommentTerm(keys.get(i), labels.get(i)));
        }
        return terms;
    }

    static Document survey(ContactRecord.Survey s) {
        Document d = new Document(ELEMENT_ID, s.responseId()).append("respondedAt", Date.from(s.respondedAt()));
        putIfPresent(d, "csat", s.csat());
        putIfPresent(d, "nps", s.nps());
        putIfPresent(d, "ces", s.ces());
        putIfPresent(d, "feltValued", s.feltValued());
        if (s.commentTerms() != null) {
            d.append(COMMENT_KEYS, s.commentTerms().stream().map(CommentTerm::key).toList())
                    .append(COMMENT_LABELS, s.commentTerms().stream().map(CommentTerm::label).toList());
        }
        return d;
    }

    static Document evaluation(ContactRecord.Evaluation e) {
        List<Document> criteria = new ArrayList<>();
        e.criteria().forEach((name, score) -> criteria.add(new Document("name", name).append("score", score)));
        Document d = new Document(ELEMENT_ID, e.evaluationId())
                .append("evaluatedAt", Date.from(e.evaluatedAt()))
                .append("score", e.score())
                .append("criteria", criteria);
        putIfPresent(d, "evaluatorId", e.evaluatorId());
        return d;
    }

    static Document cancellation(ContactRecord.Cancellation c) {
        return new Document(ELEMENT_ID, c.transactionId())
                .append("occurredAt", Date.from(c.occurredAt()))
                .append("amount", c.amount())
                .append("currency", c.currency());
    }

    static Document issue(IssueChains.Role role) {
        Document d = new Document("repeat", role.repeat());
        IssueChains.Issue issue = role.opened();
        if (issue != null) {
            d.append("touchpoints", issue.touchpoints())
                    .append("closesAt", Date.from(issue.closesAt()))
                    .append("runaround", issue.runaround())
                    .append("transfers", issue.transfers())
                    .append("channels", issue.channels())
                    .append("endedResolved", issue.endedResolved());
            putIfPresent(d, "resolutionSeconds", issue.resolutionSeconds());
        }
        return d;
    }

    static Document counted(Counted c) {
        Document d = new Document("q", c.sequence())
                .append("s", List.copyOf(c.surveys()))
                .append("e", List.copyOf(c.evaluations()))
                .append("c", List.copyOf(c.cancellations()));
        if (c.issue() != null) {
            d.append("r", issue(c.issue()));
        }
        return d;
    }

    static List<Counted> counted(Document contact) {
        List<Counted> out = new ArrayList<>();
        for (Document d : contact.getList(COUNTED, Document.class, List.of())) {
            out.add(new Counted(((Number) d.get("q")).longValue(),
                    new java.util.HashSet<>(d.getList("s", String.class, List.of())),
                    new java.util.HashSet<>(d.getList("e", String.class, List.of())),
                    new java.util.HashSet<>(d.getList("c", String.class, List.of())),
                    role(d.get("r", Document.class))));
        }
        return out;
    }

    /** Whether the interaction itself has arrived (not only something about it). */
    static boolean isComplete(Document d) {
        return d.get(STARTED_AT) != null;
    }

    static ContactRecord toRecord(Document d) {
        ContactFact fact = new ContactFact(
                d.getString(ID),
                d.getString(CUSTOMER_ID),
                Channel.valueOf(d.getString(CHANNEL)),
                Direction.valueOf(d.getString(DIRECTION)),
                d.getDate(STARTED_AT).toInstant(),
                d.getInteger(QUEUE_SECONDS),
                d.getInteger(TALK_SECONDS),
                d.getInteger(HOLD_SECONDS),
                d.getInteger(AFTER_WORK_SECONDS),
                d.getBoolean(ABANDONED, false),
                d.getBoolean(RESOLVED),
                d.getInteger(TRANSFERS, 0),
                d.getString(AGENT_ID),
                d.getString(TEAM_ID),
                d.getString(DEPARTMENT_ID),
                d.getString(CONTACT_REASON),
                d.getString(CAMPAIGN),
                d.getBoolean(SALE_OFFERED, false),
                d.getBoolean(SALE_ACCEPTED, false),
                number(d.get(SALE_AMOUNT)),
                d.getString(SALE_CURRENCY),
                d.getString(QUEUE),
                number(d.get(SENTIMENT)));
        List<ContactRecord.Survey> surveys = new ArrayList<>();
        for (Document s : firstById(d.getList(SURVEYS, Document.class, List.of()))) {
            surveys.add(new ContactRecord.Survey(s.getString(ELEMENT_ID), instant(s.getDate("respondedAt")),
                    s.getInteger("csat"), s.getInteger("nps"), s.getInteger("ces"), s.getInteger("feltValued"),
                    commentTerms(s.getList(COMMENT_KEYS, String.class), s.getList(COMMENT_LABELS, String.class))));
        }
        List<ContactRecord.Evaluation> evaluations = new ArrayList<>();
        for (Document e : firstById(d.getList(EVALUATIONS, Document.class, List.of()))) {
            Map<String, Double> criteria = new LinkedHashMap<>();
            for (Document c : e.getList("criteria", Document.class, List.of())) {
                criteria.put(c.getString("name"), number(c.get("score")));
            }
            evaluations.add(new ContactRecord.Evaluation(e.getString(ELEMENT_ID), e.getString("evaluatorId"),
                    instant(e.getDate("evaluatedAt")), number(e.get("score")), criteria));
        }
        List<ContactRecord.Cancellation> cancellations = new ArrayList<>();
        for (Document c : firstById(d.getList(CANCELLATIONS, Document.class, List.of()))) {
            cancellations.add(new ContactRecord.Cancellation(c.getString(ELEMENT_ID), instant(c.getDate("occurredAt")),
                    number(c.get("amount")), c.getString("currency")));
        }
        return new ContactRecord(fact, surveys, evaluations, cancellations, role(d.get(ISSUE, Document.class)));
    }

    /**
     * The elements with distinct ids, the first of each kept: a set holds each element once, and an event about the
     * same thing sent again with other content (a re-sent survey) must not count twice either.
     */
    private static List<Document> firstById(List<Document> elements) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        List<Document> out = new ArrayList<>(elements.size());
        for (Document e : elements) {
            if (seen.add(e.get(ELEMENT_ID))) {
                out.add(e);
            }
        }
        return out;
    }

    private static IssueChains.Role role(Document d) {
        if (d == null) {
            return null;
        }
        IssueChains.Issue issue = null;
        if (d.get("closesAt") != null) {
            Number resolution = (Number) d.get("resolutionSeconds");
            issue = new IssueChains.Issue(d.getInteger("touchpoints"), d.getDate("closesAt").toInstant(),
                    d.getInteger("runaround"), d.getInteger("transfers"), d.getInteger("channels"),
                    d.getBoolean("endedResolved"), resolution == null ? null : resolution.longValue());
        }
        return new IssueChains.Role(d.getBoolean("repeat"), issue);
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static void putIfPresent(Document document, String field, Object value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
