package io.cxvalue.reporting.contact;

import io.cxvalue.reporting.kpi.IssueChains;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of a contact the KPI rollups count, as of one update of the rollups (its {@code sequence}): the contact itself
 * (its fact never changes), the survey answers, evaluations and cancellations counted by id (they are only ever
 * added), and its role in its issue (which changes as the chain grows). Kept on the contact, so that the next change
 * can take back exactly what was added before adding the new state. Plain Java.
 */
public record Counted(long sequence, Set<String> surveys, Set<String> evaluations, Set<String> cancellations,
        IssueChains.Role issue) {

    public Counted {
        surveys = Set.copyOf(surveys);
        evaluations = Set.copyOf(evaluations);
        cancellations = Set.copyOf(cancellations);
    }

    /** What counting {@code contact} as it is now counts. */
    public static Counted of(ContactRecord contact, long sequence) {
        return new Counted(sequence,
                contact.surveys().stream().map(ContactRecord.Survey::responseId).collect(Collectors.toSet()),
                contact.evaluations().stream().map(ContactRecord.Evaluation::evaluationId).collect(Collectors.toSet()),
                contact.cancellations().stream().map(ContactRecord.Cancellation::transactionId)
                        .collect(Collectors.toSet()),
                contact.issue());
    }

    /** The contact as it was counted: {@code current} with only the attachments counted, and the role counted. */
    public ContactRecord asCountedFrom(ContactRecord current) {
        return new ContactRecord(current.fact(),
                current.surveys().stream().filter(s -> surveys.contains(s.responseId())).toList(),
                current.evaluations().stream().filter(e -> evaluations.contains(e.evaluationId())).toList(),
                current.cancellations().stream().filter(c -> cancellations.contains(c.transactionId())).toList(),
                issue);
    }

    /** Whether counting {@code current} would count the same as this. */
    public boolean counts(ContactRecord current) {
        return countsSameAs(of(current, sequence));
    }

    /** Whether {@code other} counts the same attachments and role as this (whatever its update). */
    public boolean countsSameAs(Counted other) {
        return other.surveys.equals(surveys) && other.evaluations.equals(evaluations)
                && other.cancellations.equals(cancellations) && Objects.equals(other.issue, issue);
    }

    /**
     * What a rollup last written by the update numbered {@code written} counts of the contact: the newest state
     * counted by an update at or before it (updates of one rollup run one after another, and a contact's state is
     * recorded before the rollups it changes are written); null when none, i.e. the contact is not in it yet.
     */
    public static Counted includedIn(List<Counted> history, long written) {
        Counted best = null;
        for (Counted c : history) {
            if (c.sequence <= written && (best == null || c.sequence > best.sequence)) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The history to keep once {@code next} is recorded: {@code next} and whatever a rollup not yet rewritten may
     * still count ({@code stillIncluded}, each from an earlier update than {@code next}); everything older can no
     * longer be asked for.
     */
    public static List<Counted> keep(List<Counted> stillIncluded, Counted next) {
        List<Counted> out = new ArrayList<>();
        for (Counted c : stillIncluded) {
            if (c != null && !out.contains(c)) {
                out.add(c);
            }
        }
        out.add(next);
        return out;
    }
}
