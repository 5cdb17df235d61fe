package io.cxvalue.reporting.service;

import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.contact.CustomerHistory;
import io.cxvalue.reporting.kpi.IssueChains;
import io.cxvalue.reporting.repository.CommentRepository;
import io.cxvalue.reporting.repository.ContactRepository;
import io.cxvalue.reporting.repository.ContactRepository.Attachment;
import io.cxvalue.reporting.repository.ContactRepository.AttachmentKind;
import io.cxvalue.reporting.repository.ErasureRepository;
import io.cxvalue.reporting.voice.Comment;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies one poll's events to the contacts, and says which contacts changed, by team: the rollups are brought in
 * line with them by {@link CellUpdateService}, one team at a time (see {@code CellChangeConsumer}).
 * <p>
 * Without transactions, every step is an idempotent write, and the steps are ordered so that a crash anywhere is
 * repaired by the redelivery of the batch: the contacts and what arrived about them are written first, then the
 * customers' issue chains and the contacts' roles in them. A batch applied again changes nothing and names the same
 * contacts again, which costs the rollups nothing (they count each contact's state once).
 */
@ApplicationScoped
public class KpiUpdateService {

    /** How many merges deep a customer id is followed to its survivor. */
    private static final int MAX_MERGE_HOPS = 8;

    private final ContactRepository contacts;
    private final ErasureRepository erasures;
    private final ErasureService erasure;
    private final CommentRepository comments;
    private final Duration repeatWindow;
    private final Clock clock;

    @Inject
    KpiUpdateService(ContactRepository contacts, ErasureRepository erasures, ErasureService erasure,
            CommentRepository comments, ReportingConfig config) {
        this(contacts, erasures, erasure, comments, config, Clock.systemUTC());
    }

    KpiUpdateService(ContactRepository contacts, ErasureRepository erasures, ErasureService erasure,
            CommentRepository comments, ReportingConfig config, Clock clock) {
        this.contacts = contacts;
        this.erasures = erasures;
        this.erasure = erasure;
        this.comments = comments;
        this.repeatWindow = config.kpi().repeatWindow();
        this.clock = clock;
    }

    /**
     * What a batch changed.
     *
     * @param changedByTeam the contacts whose state changed (or may have: a batch applied again names them again),
     *                      by team ({@link ContactDay#NO_TEAM} for contacts without one)
     */
    public record Applied(int contacts, int attachments, int issueRolesSet, Map<String, Set<String>> changedByTeam) {
    }

    public Uni<Applied> apply(EventBatch batch) {
        Instant now = clock.instant();
        Set<String> customerIds = new HashSet<>();
        batch.interactions().forEach(i -> customerIds.add(i.customerId()));
        batch.surveys().forEach(s -> customerIds.add(s.customerId()));
        return erasures.pseudonymsOf(customerIds)
                // Building and encoding a batch's writes runs on a worker thread, not on the event loop that serves
                // the queries.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(pseudonyms -> {
                    List<ContactFact> facts = new ArrayList<>();
                    for (InteractionRecorded interaction : batch.interactions()) {
                        ContactFact fact = ContactFact.of(interaction);
                        String pseudonym = pseudonyms.get(fact.customerId());
                        facts.add(pseudonym == null ? fact : fact.withCustomerId(pseudonym));
                    }
                    return new Work(batch, facts, pseudonyms.keySet(), now).run()
                            .call(() -> pseudonymiseErasedMeanwhile(customerIds, pseudonyms.keySet()));
                });
    }

    /**
     * Closes the race with an erasure applied at the same time on the other topic: an erasure recorded between the
     * lookup above and the writes may have swept before this batch's contacts were there. Looking again after the
     * writes means either this look sees the erasure, or the erasure's sweep (after its record) sees the contacts.
     */
    private Uni<Void> pseudonymiseErasedMeanwhile(Set<String> customerIds, Set<String> knownErased) {
        return erasures.pseudonymsOf(customerIds).chain(now -> {
            Uni<Void> sweeps = Uni.createFrom().voidItem();
            for (Map.Entry<String, String> erased : now.entrySet()) {
                if (!knownErased.contains(erased.getKey())) {
                    sweeps = sweeps.chain(() -> erasure.eraseFacts(erased.getKey(), erased.getValue()));
                }
            }
            return sweeps;
        });
    }

    /** One batch's steps, with what they have found so far. */
    private final class Work {

        private final EventBatch batch;
        private final List<ContactFact> facts;
        /** The customers of the batch who were erased: their texts' terms are not kept. */
        private final Set<String> erased;
        private final Instant now;
        private final Map<String, Set<String>> changed = new TreeMap<>();
        private final Set<String> attachedTo = new LinkedHashSet<>();
        private int attachments;
        private int rolesSet;

        Work(EventBatch batch, List<ContactFact> facts, Set<String> erased, Instant now) {
            this.batch = batch;
            this.facts = facts;
            this.erased = erased;
            this.now = now;
            facts.forEach(f -> changed(ContactDay.of(f.teamId(), f.startedAt()), f.interactionId()));
        }

        private void changed(ContactDay day, String interactionId) {
            changed.computeIfAbsent(day.teamId(), t -> new LinkedHashSet<>()).add(interactionId);
        }

        Uni<Applied> run() {
            return contacts.storeContacts(facts, now)
                    .chain(this::keepContactTexts)
                    .chain(this::attachSurveysAndEvaluations)
                    .chain(this::attachCancellations)
                    .chain(this::chainIssues)
                    .chain(() -> contacts.daysOf(attachedTo))
                    .map(days -> {
                        days.forEach((id, day) -> changed(day, id));
                        return new Applied(facts.size(), attachments, rolesSet, changed);
                    });
        }

        /**
         * The terms of the interactions' notes and transcripts, for the voice of the customer (one bulk write; an
         * interaction is immutable, so writing it again changes nothing).
         */
        private Uni<Void> keepContactTexts() {
            List<Comment> texts = new ArrayList<>();
            for (InteractionRecorded i : batch.interactions()) {
                if (i.textTerms() != null && !erased.contains(i.customerId())) {
                    texts.add(Comment.of(Comment.Source.CONTACT, i.interactionId(), i.startedAt(),
                            ContactDay.of(i.teamId(), i.startedAt()).teamId(), i.contactReason(), i.channel().name(),
                            null, null, i.sentiment(), i.textTerms()));
                }
            }
            return texts.isEmpty() ? Uni.createFrom().voidItem() : comments.write(texts);
        }

        private Uni<Void> attachSurveysAndEvaluations() {
            List<Attachment> surveys = new ArrayList<>();
            for (SurveyResponded s : batch.surveys()) {
                // An answer about no particular contact cannot be counted for a team, agent or day.
                if (s.interactionId() != null) {
                    surveys.add(Attachment.of(s.interactionId(), new ContactRecord.Survey(s.responseId(),
                            s.respondedAt(), s.csat(), s.nps(), s.ces(), s.feltValued(),
                            erased.contains(s.customerId()) ? null : s.commentTerms())));
                    attachedTo.add(s.interactionId());
                }
            }
            List<Attachment> evaluations = new ArrayList<>();
            for (QualityEvaluated q : batch.evaluations()) {
                evaluations.add(Attachment.of(q.interactionId(), new ContactRecord.Evaluation(q.evaluationId(),
                        q.evaluatorId(), q.evaluatedAt(), q.score(), q.criteria())));
                attachedTo.add(q.interactionId());
            }
            attachments += surveys.size() + evaluations.size();
            return contacts.attach(AttachmentKind.SURVEY, surveys)
                    .chain(() -> contacts.attach(AttachmentKind.EVALUATION, evaluations));
        }

        /**
         * A cancellation names the purchase it reverses, the purchase names the contact that made it, and either may
         * arrive first: both are recorded by purchase, then read back together (whichever arrives second finds the
         * other), and each cancellation whose contact is known is attached to it.
         */
        private Uni<Void> attachCancellations() {
            Map<String, String> contactByPurchase = new LinkedHashMap<>();
            Map<String, List<ContactRecord.Cancellation>> byPurchase = new LinkedHashMap<>();
            List<Attachment> direct = new ArrayList<>();
            for (TransactionRecorded t : batch.transactions()) {
                if (t.kind() == TransactionKind.PURCHASE) {
                    if (t.originatingInteractionId() != null) {
                        contactByPurchase.put(t.transactionId(), t.originatingInteractionId());
                    }
                    continue;
                }
                ContactRecord.Cancellation cancellation = new ContactRecord.Cancellation(t.transactionId(),
                        t.occurredAt(), t.amount().doubleValue(), t.currency());
                if (t.cancelsTransactionId() != null) {
                    byPurchase.computeIfAbsent(t.cancelsTransactionId(), k -> new ArrayList<>()).add(cancellation);
                } else if (t.originatingInteractionId() != null) {
                    direct.add(Attachment.of(t.originatingInteractionId(), cancellation));
                }
            }
            Set<String> purchases = new LinkedHashSet<>(contactByPurchase.keySet());
            purchases.addAll(byPurchase.keySet());
            return contacts.linkSales(contactByPurchase)
                    .chain(() -> contacts.addCancellations(byPurchase))
                    .chain(() -> contacts.saleLinks(purchases))
                    .chain(links -> {
                        List<Attachment> all = new ArrayList<>(direct);
                        for (ContactRepository.SaleLink link : links) {
                            if (link.interactionId() != null) {
                                link.cancellations().forEach(c -> all.add(Attachment.of(link.interactionId(), c)));
                            }
                        }
                        all.forEach(a -> attachedTo.add(a.interactionId()));
                        attachments += all.size();
                        return contacts.attach(AttachmentKind.CANCELLATION, all);
                    });
        }

        /**
         * Adds the handled contacts to their customers' histories (following merges), folds merged customers into
         * their survivors, and re-chains the issues of every customer touched: the contacts of each chain that holds
         * a new contact get their role (for a merge: every chain of the survivor).
         */
        private Uni<Void> chainIssues() {
            Set<String> ids = new HashSet<>();
            facts.forEach(f -> ids.add(f.customerId()));
            for (CustomersMerged m : batch.merges()) {
                ids.add(m.customerId());
                ids.addAll(m.mergedCustomerIds());
            }
            return survivors(ids, 0, new HashMap<>()).chain(survivor -> {
                Map<String, List<CustomerHistory.Entry>> added = new LinkedHashMap<>();
                Set<String> newContacts = new HashSet<>();
                for (ContactFact f : facts) {
                    if (!f.abandoned()) {
                        added.computeIfAbsent(survivor.getOrDefault(f.customerId(), f.customerId()),
                                k -> new ArrayList<>()).add(entry(f));
                        newContacts.add(f.interactionId());
                    }
                }
                Set<String> rechainAll = new HashSet<>();
                return contacts.addToHistories(added)
                        .chain(() -> mergeAll(survivor, rechainAll))
                        .chain(() -> {
                            Set<String> touched = new LinkedHashSet<>(added.keySet());
                            touched.addAll(rechainAll);
                            return contacts.customers(touched);
                        })
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .chain(histories -> {
                            Map<String, IssueChains.Role> roles = new LinkedHashMap<>();
                            for (CustomerHistory history : histories.values()) {
                                if (history.mergedInto() != null) {
                                    continue;
                                }
                                roles(history, rechainAll.contains(history.customerId()), newContacts, roles);
                            }
                            rolesSet += roles.size();
                            return contacts.setIssueRoles(roles);
                        });
            });
        }

        private void roles(CustomerHistory history, boolean all, Set<String> newContacts,
                Map<String, IssueChains.Role> into) {
            Map<String, ContactDay> dayOf = new HashMap<>();
            List<IssueChains.Contact> handled = new ArrayList<>();
            for (CustomerHistory.Entry e : history.contacts()) {
                if (dayOf.putIfAbsent(e.contact().interactionId(), e.day()) == null) {
                    handled.add(e.contact());
                }
            }
            List<IssueChains.Chain> chains = IssueChains.of(handled, repeatWindow, now);
            for (IssueChains.Chain chain : chains) {
                boolean changed = all || chain.contacts().stream()
                        .anyMatch(c -> newContacts.contains(c.interactionId()));
                if (changed) {
                    IssueChains.roles(List.of(chain), repeatWindow).forEach((id, role) -> {
                        into.put(id, role);
                        changed(dayOf.get(id), id);
                    });
                }
            }
        }

        /** Folds each merged customer's history into its survivor, in the order the merges were read. */
        private Uni<Void> mergeAll(Map<String, String> survivor, Set<String> rechainAll) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CustomersMerged m : batch.merges()) {
                String into = survivor.getOrDefault(m.customerId(), m.customerId());
                List<String> merged = m.mergedCustomerIds().stream().filter(id -> !id.equals(into)).toList();
                rechainAll.add(into);
                chain = chain.chain(() -> contacts.customers(merged))
                        .chain(histories -> {
                            List<CustomerHistory.Entry> moved = new ArrayList<>();
                            histories.values().forEach(h -> moved.addAll(h.contacts()));
                            return contacts.addToHistories(Map.of(into, moved));
                        })
                        .chain(() -> contacts.markMerged(merged, into));
            }
            return chain;
        }

        /** Each id's survivor after the merges recorded so far (an id merged into nothing maps to itself). */
        private Uni<Map<String, String>> survivors(Set<String> ids, int hop, Map<String, String> found) {
            if (ids.isEmpty() || hop >= MAX_MERGE_HOPS) {
                return Uni.createFrom().item(resolve(found));
            }
            return contacts.customers(ids).chain(histories -> {
                Set<String> next = new HashSet<>();
                histories.values().forEach(h -> {
                    if (h.mergedInto() != null) {
                        found.put(h.customerId(), h.mergedInto());
                        if (!found.containsKey(h.mergedInto())) {
                            next.add(h.mergedInto());
                        }
                    }
                });
                return survivors(next, hop + 1, found);
            });
        }
    }

    private static Map<String, String> resolve(Map<String, String> mergedInto) {
        Map<String, String> out = new HashMap<>();
        for (String id : mergedInto.keySet()) {
            String target = id;
            for (int i = 0; i < MAX_MERGE_HOPS && mergedInto.containsKey(target); i++) {
                target = mergedInto.get(target);
            }
            out.put(id, target);
        }
        return out;
    }

    private static CustomerHistory.Entry entry(ContactFact f) {
        return new CustomerHistory.Entry(new IssueChains.Contact(f.interactionId(), f.startedAt(), f.endedAt(),
                f.contactReason(), f.channel().name(), f.transfers(), f.resolved()),
                ContactDay.of(f.teamId(), f.startedAt()));
    }
}
