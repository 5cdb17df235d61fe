package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.scoring.ContactHistory;
import io.cxvalue.scoring.ContactLogEntry;
import io.cxvalue.scoring.CustomerState;
import io.cxvalue.scoring.SurveyResponse;
import io.cxvalue.scoring.SurveyHistory;
import io.cxvalue.scoring.TransactionDays;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.model.cx.InteractionFeatures;
import io.cxvalue.scoring.repository.ContactLogRepository;
import io.cxvalue.scoring.repository.CustomerAliasRepository;
import io.cxvalue.scoring.repository.CustomerContactSummaryRepository;
import io.cxvalue.scoring.repository.CustomerIdentityRepository;
import io.cxvalue.scoring.repository.CustomerRepository;
import io.cxvalue.scoring.repository.CustomerTransactionRepository;
import io.cxvalue.scoring.repository.SurveyResponseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads a customer's state as of an instant (contact history, survey history, transaction days), for the state API
 * now and for the caller card and the CLV scoring later. Everything is derived on read from the per-event tables, so
 * it is the same whatever order the events arrived in.
 */
@ApplicationScoped
public class CustomerStateService {

    private final CustomerRepository customers;
    private final CustomerIdentityRepository identities;
    private final CustomerAliasRepository aliases;
    private final CustomerContactSummaryRepository summaries;
    private final ContactLogRepository contactLog;
    private final SurveyResponseRepository surveys;
    private final CustomerTransactionRepository transactions;
    private final ContactHistory.Rules contactRules;
    private final ZoneId businessZone;

    public CustomerStateService(CustomerRepository customers, CustomerIdentityRepository identities,
            CustomerAliasRepository aliases, CustomerContactSummaryRepository summaries,
            ContactLogRepository contactLog, SurveyResponseRepository surveys,
            CustomerTransactionRepository transactions, ScoringConfig config) {
        this.customers = customers;
        this.identities = identities;
        this.aliases = aliases;
        this.summaries = summaries;
        this.contactLog = contactLog;
        this.surveys = surveys;
        this.transactions = transactions;
        this.contactRules = new ContactHistory.Rules(config.customerState().contactLookback(),
                config.customerState().repeatWindow());
        this.businessZone = config.customerState().businessTimeZone();
    }

    /**
     * The customer's state as of {@code asOf}, under its survivor's id when {@code customerId} was merged; a null
     * item when scoring knows nothing of the customer (no profile, contact, survey response or transaction).
     */
    @WithSession
    public Uni<CustomerState> state(String customerId, Instant asOf) {
        return aliases.survivorOf(customerId).chain(id -> contactLog
                .startedBetween(id, asOf.minus(contactRules.lookback()), asOf)
                .chain(contacts -> surveys.respondedUpTo(id, asOf)
                        .chain(responses -> transactions.occurredUpTo(id, asOf)
                                .chain(txs -> known(id, contacts.isEmpty() && responses.isEmpty() && txs.isEmpty())
                                        .map(known -> !known ? null : new CustomerState(id, asOf,
                                                ContactHistory.of(contacts, asOf, contactRules),
                                                SurveyHistory.of(responses, asOf),
                                                CustomerState.TransactionSummary.of(txs,
                                                        TransactionDays.of(txs, asOf, businessZone), asOf),
                                                latestContact(contacts)))))));
    }

    /**
     * The state of a customer from its contacts in the contact window and its survey answers, without the
     * transactions ({@code transactions} is null): what the caller card needs, read by the card in one statement.
     */
    public CustomerState contactState(String customerId, Instant asOf, List<ContactLogEntry> latestFirst,
            List<SurveyResponse> responses) {
        return new CustomerState(customerId, asOf, ContactHistory.of(latestFirst, asOf, contactRules),
                SurveyHistory.of(responses, asOf), null, latestContact(latestFirst));
    }

    /** The contact window of the caller card and the state API, ending at {@code asOf} (exclusive start). */
    public Instant contactWindowStart(Instant asOf) {
        return asOf.minus(contactRules.lookback());
    }

    /**
     * The features of the latest of the contacts (latest first), a repeat when another of them started within the
     * repeat window before it; null when there are none.
     */
    private InteractionFeatures latestContact(List<ContactLogEntry> latestFirst) {
        if (latestFirst.isEmpty()) {
            return null;
        }
        ContactLogEntry latest = latestFirst.get(0);
        List<Instant> earlier = latestFirst.subList(1, latestFirst.size()).stream()
                .map(ContactLogEntry::startedAt).toList();
        return latest.features(InteractionFeatures.isRepeat(latest.startedAt(), earlier, contactRules.repeatWindow()),
                businessZone);
    }

    /**
     * The customer's transaction days up to and including {@code calibrationEnd} (rules in {@link TransactionDays}),
     * oldest first: the input of the model package's summary builder (x, t_x, T, mean repeat value). Empty when the
     * customer made no purchase by then.
     */
    @WithSession
    public Uni<List<TransactionDays.Day>> transactionDays(String customerId, Instant calibrationEnd) {
        return aliases.survivorOf(customerId)
                .chain(id -> transactions.occurredUpTo(id, calibrationEnd))
                .map(txs -> TransactionDays.of(txs, calibrationEnd, businessZone));
    }

    /**
     * The customer an identity key (E.164 phone, lower-cased e-mail, CRM id) belongs to, or a null item: the caller
     * lookup by phone or e-mail.
     */
    @WithSession
    public Uni<String> customerByIdentity(IdentityKind kind, String value) {
        return identities.find(kind, value).chain(identity -> identity == null
                ? Uni.createFrom().nullItem()
                : aliases.survivorOf(identity.customerId()));
    }

    private Uni<Boolean> known(String customerId, boolean nothingRecent) {
        if (!nothingRecent) {
            return Uni.createFrom().item(true);
        }
        return customers.findById(customerId).chain(customer -> customer != null
                ? Uni.createFrom().item(true)
                : summaries.findById(customerId).map(summary -> summary != null));
    }
}
