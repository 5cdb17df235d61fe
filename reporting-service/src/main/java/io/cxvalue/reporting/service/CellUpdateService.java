package io.cxvalue.reporting.service;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.contact.Counted;
import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.RollupView;
import io.cxvalue.reporting.repository.CommentRepository;
import io.cxvalue.reporting.repository.ContactRepository;
import io.cxvalue.reporting.repository.ContactRepository.CountedContact;
import io.cxvalue.reporting.repository.RollupRepository;
import io.cxvalue.reporting.repository.RollupRepository.CellRef;
import io.cxvalue.reporting.repository.RollupRepository.CellsForUpdate;
import io.cxvalue.reporting.crosssell.SaleOutcome;
import io.cxvalue.reporting.repository.SalesRepository;
import io.cxvalue.reporting.repository.TrafficRepository;
import io.cxvalue.reporting.repository.TrafficRepository.StoredHour;
import io.cxvalue.reporting.traffic.TrafficHour;
import io.cxvalue.reporting.voice.Comment;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the KPI rollups in line with the contacts, incrementally: for each contact named, what the rollups count of it
 * is taken back and what it is now is added, in its cells of every view and configured zone, so the cost of an update
 * follows the contacts changed, not the size of their days.
 * <p>
 * Without transactions, what each rollup document counts of a contact is found by numbering the updates: every update
 * takes a new number ({@link RollupRepository#nextUpdate}), records on each contact what it will count of it under
 * that number (its {@link Counted} history) and then writes the changed cells, each document marked with the number.
 * A document therefore counts, of each contact, the newest state recorded at or before the number it is marked with,
 * whether or not an update stopped halfway: a crash anywhere is repaired by the next update of the same contacts
 * (the batch redelivered), and an update that finds nothing to change writes nothing. This relies on one update at a
 * time per team, which the cell-changes topic gives (keyed by team, one consumer per partition).
 */
@ApplicationScoped
public class CellUpdateService {

    static final int MAX_CONTACTS_PER_UPDATE = 2_000;

    private final ContactRepository contacts;
    private final RollupRepository rollups;
    private final TrafficRepository traffic;
    private final SalesRepository sales;
    private final CommentRepository comments;
    private final List<ZoneId> zones;
    private final int serviceLevelSeconds;
    private final Clock clock;

    @Inject
    CellUpdateService(ContactRepository contacts, RollupRepository rollups, TrafficRepository traffic,
            SalesRepository sales, CommentRepository comments, ReportingConfig config) {
        this(contacts, rollups, traffic, sales, comments, config, Clock.systemUTC());
    }

    CellUpdateService(ContactRepository contacts, RollupRepository rollups, TrafficRepository traffic,
            SalesRepository sales, CommentRepository comments, ReportingConfig config, Clock clock) {
        this.contacts = contacts;
        this.rollups = rollups;
        this.traffic = traffic;
        this.sales = sales;
        this.comments = comments;
        this.zones = List.copyOf(new LinkedHashSet<>(config.kpi().timeZones()));
        this.serviceLevelSeconds = Math.toIntExact(config.kpi().serviceLevelThreshold().toSeconds());
        this.clock = clock;
    }

    /**
     * What an update did.
     *
     * @param update   its number; -1 when none of the contacts had arrived
     * @param contacts the contacts whose counted state changed
     * @param cells    the cells written
     */
    public record Updated(long update, int contacts, int cells) {
    }

    /**
     * Brings the rollups in line with the present state of the contacts {@code interactionIds}, in updates of at most
     * {@value #MAX_CONTACTS_PER_UPDATE} contacts (so a long backlog does not need a heap of its size).
     */
    public Uni<Updated> apply(Collection<String> interactionIds) {
        List<String> all = List.copyOf(new LinkedHashSet<>(interactionIds));
        List<List<String>> parts = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_CONTACTS_PER_UPDATE) {
            parts.add(all.subList(from, Math.min(all.size(), from + MAX_CONTACTS_PER_UPDATE)));
        }
        // One after the other through a stream, not a chain of Unis built up front: a chain keeps every finished
        // update's subscriber, and with it the cells it wrote, until the last one ends (a long backlog ran the heap
        // out of memory that way).
        return Multi.createFrom().iterable(parts).onItem().transformToUniAndConcatenate(this::update)
                .collect().in(() -> new Updated[] {new Updated(-1, 0, 0)}, (sum, next) -> sum[0] = new Updated(
                        Math.max(sum[0].update(), next.update()), sum[0].contacts() + next.contacts(),
                        sum[0].cells() + next.cells()))
                .map(sum -> sum[0]);
    }

    private Uni<Updated> update(Collection<String> interactionIds) {
        return contacts.findCounted(interactionIds).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new Updated(-1, 0, 0));
            }
            List<Target> targets = new ArrayList<>(found.size());
            List<CellRef> all = new ArrayList<>();
            Set<String> hours = new LinkedHashSet<>();
            Map<String, List<SaleOutcome>> sold = new LinkedHashMap<>();
            List<Comment> commented = new ArrayList<>();
            for (CountedContact c : found) {
                commented.addAll(commentsOf(c.contact()));
                Target target = new Target(c, cellsOf(c.contact().fact()));
                targets.add(target);
                all.addAll(target.cells());
                hours.add(TrafficHour.idOf(c.contact().fact()));
                if (c.contact().fact().saleAccepted()) {
                    sold.computeIfAbsent(ContactDay.of(c.contact().fact().teamId(), c.contact().fact().startedAt())
                            .teamId(), t -> new ArrayList<>()).add(SaleOutcome.of(c.contact()));
                }
            }
            // The cells read arrive on a worker thread (see readForUpdate), where their arithmetic and encoding
            // then run, not on the event loop that serves the queries.
            return rollups.nextUpdate().chain(update -> Uni.combine().all()
                    .unis(rollups.readForUpdate(all), traffic.readForUpdate(hours)).asTuple()
                    .chain(read -> write(update, targets, read.getItem1(), read.getItem2(), clock.instant()))
                    .call(() -> sold.isEmpty() ? Uni.createFrom().voidItem() : sales.write(sold))
                    .call(() -> commented.isEmpty() ? Uni.createFrom().voidItem() : comments.write(commented)));
        });
    }

    /** A contact and its cells. */
    private record Target(CountedContact contact, List<CellRef> cells) {
    }

    private Uni<Updated> write(long update, List<Target> targets, CellsForUpdate read,
            Map<String, StoredHour> storedHours, Instant now) {
        Map<CellRef, KpiCell> changed = new HashMap<>();
        Map<String, TrafficHour> changedHours = new LinkedHashMap<>();
        Map<String, List<Counted>> histories = new LinkedHashMap<>();
        for (Target target : targets) {
            CountedContact c = target.contact();
            Counted next = Counted.of(c.contact(), update);
            // What each earlier state counted, taken back from every cell that still counts it: one per state.
            Map<Counted, ContactRecord> asCounted = new IdentityHashMap<>();
            List<Counted> stillIncluded = new ArrayList<>();
            boolean any = false;
            for (CellRef ref : target.cells()) {
                Counted included = Counted.includedIn(c.counted(), read.lastUpdateOf(ref));
                stillIncluded.add(included);
                if (included != null && included.countsSameAs(next)) {
                    continue;
                }
                KpiCell cell = changed.computeIfAbsent(ref, r -> {
                    KpiCell stored = read.cells().get(r);
                    stored = stored == null ? new KpiCell() : stored;
                    // Issues are then taken back from the side (open or closed) they were added to.
                    stored.settle(now);
                    return stored;
                });
                if (included != null) {
                    cell.add(asCounted.computeIfAbsent(included, i -> i.asCountedFrom(c.contact())), now,
                            serviceLevelSeconds, -1, false);
                }
                cell.add(c.contact(), now, serviceLevelSeconds, 1, included == null);
                any = true;
            }
            ContactFact fact = c.contact().fact();
            String hourId = TrafficHour.idOf(fact);
            StoredHour stored = storedHours.get(hourId);
            Counted inHour = stored == null ? null : Counted.includedIn(c.counted(), stored.update());
            stillIncluded.add(inHour);
            if (inHour == null || !inHour.countsSameAs(next)) {
                TrafficHour hour = changedHours.computeIfAbsent(hourId, id -> {
                    TrafficHour h = stored == null ? new TrafficHour(fact.teamId(),
                            fact.startedAt().truncatedTo(ChronoUnit.HOURS)) : stored.hour();
                    h.settle(now);
                    return h;
                });
                if (inHour == null) {
                    hour.count(fact);
                } else {
                    hour.addExperience(asCounted.computeIfAbsent(inHour, i -> i.asCountedFrom(c.contact())), now,
                            serviceLevelSeconds, -1);
                }
                hour.addExperience(c.contact(), now, serviceLevelSeconds, 1);
                any = true;
            }
            if (any) {
                histories.put(c.contact().fact().interactionId(), Counted.keep(stillIncluded, next));
            }
        }
        if (changed.isEmpty() && changedHours.isEmpty()) {
            return Uni.createFrom().item(new Updated(update, 0, 0));
        }
        return contacts.recordCounted(histories)
                .chain(() -> Uni.join().all(rollups.writeCells(changed, update),
                        traffic.write(changedHours.values(), update)).andFailFast())
                .map(done -> new Updated(update, histories.size(), changed.size()));
    }

    /** The contact's commented survey answers, as the voice of the customer reads them (terms, no text). */
    private static List<Comment> commentsOf(ContactRecord contact) {
        List<Comment> out = new ArrayList<>();
        ContactFact fact = contact.fact();
        for (ContactRecord.Survey s : contact.surveys()) {
            if (s.commentTerms() != null) {
                out.add(Comment.of(Comment.Source.SURVEY, s.responseId(), fact.startedAt(),
                        ContactDay.of(fact.teamId(), fact.startedAt()).teamId(), fact.contactReason(),
                        fact.channel().name(), s.csat(), s.nps(), fact.sentiment(), s.commentTerms()));
            }
        }
        return out;
    }

    /** The contact's cell in every view, in every configured zone (its day there). */
    private List<CellRef> cellsOf(ContactFact fact) {
        String team = ContactDay.of(fact.teamId(), fact.startedAt()).teamId();
        List<CellRef> out = new ArrayList<>(zones.size() * RollupView.values().length);
        for (ZoneId zone : zones) {
            LocalDate date = LocalDate.ofInstant(fact.startedAt(), zone);
            for (RollupView view : RollupView.values()) {
                out.add(new CellRef(zone.getId(), team, date, view, view.cellKey(fact)));
            }
        }
        return out;
    }
}
