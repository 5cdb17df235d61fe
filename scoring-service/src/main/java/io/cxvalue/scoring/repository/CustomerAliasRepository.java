package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.CustomerAlias;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;

/**
 * Merged customer ids and their survivors, and the per-customer locks that keep merges and the events of the
 * customers being merged apart.
 * <p>
 * Why the locks: the consumers of the four topics run concurrently. Without them, an event for a customer that is
 * being merged could resolve the customer to itself (the alias is not committed yet) and insert its row while the
 * merge moves that customer's rows: the merge does not see the uncommitted row, and the row would stay behind under
 * the merged id. With them, whichever transaction locks the customer first commits first, and the other then sees its
 * effect (PostgreSQL's READ COMMITTED takes a new snapshot for each statement).
 */
@ApplicationScoped
public class CustomerAliasRepository implements PanacheRepositoryBase<CustomerAlias, String> {

    // A function in FROM yields one row even though pg_advisory_xact_lock returns void.
    private static final String LOCK_SQL = "select 1 from pg_advisory_xact_lock(hashtextextended(?1, 0))";

    /**
     * The id a customer's state is kept under: the survivor when {@code customerId} was merged, else itself. Always
     * read from the database (a scalar query, not an entity the session may hold from earlier in the transaction),
     * so that it sees a merge committed while this transaction waited for a lock.
     */
    public Uni<String> survivorOf(String customerId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select a.survivorId from CustomerAlias a where a.mergedId = :mergedId", String.class)
                        .setParameter("mergedId", customerId)
                        .getSingleResultOrNull())
                .map(survivor -> survivor == null ? customerId : survivor);
    }

    /**
     * For a transaction that changes a customer's state: locks {@code customerId} until the transaction ends, then
     * resolves it to its survivor and locks that too (re-resolving until stable, in case the survivor was merged in
     * the meantime). Returns the id to keep the state under.
     */
    public Uni<String> lockAndResolve(String customerId) {
        return lock(customerId).chain(() -> resolveLocked(customerId, customerId));
    }

    private Uni<String> resolveLocked(String customerId, String locked) {
        return survivorOf(customerId).chain(survivor -> survivor.equals(locked)
                ? Uni.createFrom().item(survivor)
                : lock(survivor).chain(() -> resolveLocked(customerId, survivor)));
    }

    /** Takes the transaction-scoped lock of a customer id (hash collisions only serialise more than needed). */
    public Uni<Void> lock(String customerId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_SQL, Integer.class)
                        .setParameter(1, customerId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Repoints the aliases of the given (now merged) survivors to {@code survivorId}, keeping chains flat. */
    public Uni<Integer> repoint(Collection<String> formerSurvivorIds, String survivorId) {
        return update("survivorId = ?1 where survivorId in ?2", survivorId, formerSurvivorIds);
    }

    /** Deletes every alias of the customer, whether as merged id or as survivor. */
    public Uni<Long> deleteCustomer(String customerId) {
        return delete("mergedId = ?1 or survivorId = ?1", customerId);
    }
}
