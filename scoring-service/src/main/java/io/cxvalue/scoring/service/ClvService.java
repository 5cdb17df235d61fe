package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.scoring.CustomerScore;
import io.cxvalue.scoring.CustomerTransaction;
import io.cxvalue.scoring.StoredClvModel;
import io.cxvalue.scoring.TransactionDays;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.messaging.OutboxRelay;
import io.cxvalue.scoring.model.clv.ChurnRisk;
import io.cxvalue.scoring.model.clv.Clv;
import io.cxvalue.scoring.model.clv.ClvModel;
import io.cxvalue.scoring.model.clv.ClvModelFitter;
import io.cxvalue.scoring.model.clv.CustomerSummary;
import io.cxvalue.scoring.model.clv.RfmSummaryBuilder;
import io.cxvalue.scoring.model.clv.TimeUnit;
import io.cxvalue.scoring.model.clv.Transaction;
import io.cxvalue.scoring.model.clv.ValueTiers;
import io.cxvalue.scoring.repository.ClvModelRepository;
import io.cxvalue.scoring.repository.CustomerScoreRepository;
import io.cxvalue.scoring.repository.CustomerTransactionRepository;
import io.cxvalue.scoring.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Fits CLV models from every customer's transaction days and scores every customer with one.
 *
 * <h2>Fit</h2>
 * All transactions up to the end of the calibration (or holdout) end day are read with one query, turned into each
 * customer's transaction days ({@link TransactionDays}: the business calendar, cancellations and refunds) and
 * summarised by the model package; the fit runs on a worker thread and the model is stored as the active one.
 *
 * <h2>Scores</h2>
 * Customers are scored as of the model's calibration end (the day the model's t_x and T refer to; for the nightly
 * job that is today): expected transactions over the configured horizon, P(alive), expected spend, discounted CLV,
 * the value tier from the CLV distribution of all scored customers at the configured percentiles (exact quantiles,
 * {@link ValueTiers#exact}, so that rescoring unchanged data moves nobody across a tier boundary) and the churn band
 * of 1 - P(alive). Scores are upserted in chunks of {@code cx.scoring.clv.score-chunk-size} customers, one
 * transaction and one multi-row statement per chunk.
 *
 * <h2>When a score change is published</h2>
 * A {@link CustomerScored} event goes to the outbox, in the chunk's transaction, when the customer had no score
 * before, or its value tier or churn band changed, or its CLV moved by more than
 * {@code clv-change-threshold} (default 10 %) of the previous CLV <em>and</em> by more than {@code min-clv-change}
 * (default 1.0 currency unit). A new model version alone, with scores that moved less, publishes nothing; the stored
 * row is still updated to the new model.
 */
@ApplicationScoped
public class ClvService {

    /** A fit request the data or the dates do not allow; {@code field} names the request field at fault. */
    public static final class FitRejected extends RuntimeException {

        private final String field;

        public FitRejected(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** What a scoring run did. */
    public record ScoreRun(String modelVersion, int scored, int published) {
    }

    private static final List<String> CHURN_BANDS = List.of("LOW", "MEDIUM", "HIGH");

    private final CustomerTransactionRepository transactions;
    private final ClvModelRepository models;
    private final CustomerScoreRepository scores;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final ScoringConfig.Clv config;
    private final ZoneId zone;
    private final Clock clock;

    public ClvService(CustomerTransactionRepository transactions, ClvModelRepository models,
            CustomerScoreRepository scores, OutboxRepository outbox, OutboxRelay relay, ScoringConfig config,
            Clock clock) {
        this.transactions = transactions;
        this.models = models;
        this.scores = scores;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config.clv();
        this.zone = config.customerState().businessTimeZone();
        this.clock = clock;
    }

    /** Today in the business calendar. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * Fits BG/NBD and Gamma-Gamma on every customer with a purchase on or before {@code calibrationEnd} and stores
     * the model as the active one.
     *
     * @param holdoutEnd last day of a holdout period to validate on, or null
     * @throws FitRejected (as the Uni's failure) for dates in the future, a holdout end not after the calibration
     *                     end, too few customers, or data the models cannot be fitted on
     */
    public Uni<StoredClvModel> fit(LocalDate calibrationEnd, TimeUnit unit, LocalDate holdoutEnd) {
        LocalDate today = today();
        if (calibrationEnd.isAfter(today)) {
            return Uni.createFrom().failure(new FitRejected("calibrationEnd", "must not be in the future"));
        }
        if (holdoutEnd != null && !holdoutEnd.isAfter(calibrationEnd)) {
            return Uni.createFrom().failure(new FitRejected("holdoutEnd", "must be after calibrationEnd"));
        }
        if (holdoutEnd != null && holdoutEnd.isAfter(today)) {
            return Uni.createFrom().failure(new FitRejected("holdoutEnd", "must not be in the future"));
        }
        LocalDate readUpTo = holdoutEnd == null ? calibrationEnd : holdoutEnd;
        Executor back = currentContext();
        return Panache.withSession(() -> transactions.allOccurredUpTo(endOf(readUpTo)))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(all -> fitModel(all, calibrationEnd, unit, holdoutEnd))
                .emitOn(back)
                .chain(model -> {
                    Instant now = now();
                    return Panache.withTransaction(() -> models.saveActive(model, now))
                            .replaceWith(new StoredClvModel(model, now, true));
                });
    }

    private ClvModel fitModel(List<CustomerTransaction> all, LocalDate calibrationEnd, TimeUnit unit,
            LocalDate holdoutEnd) {
        List<CustomerSummary> summaries = new ArrayList<>();
        List<Integer> holdout = new ArrayList<>();
        Instant calibrationAsOf = endOf(calibrationEnd);
        Instant holdoutAsOf = holdoutEnd == null ? null : endOf(holdoutEnd);
        for (List<CustomerTransaction> txs : byCustomer(all)) {
            var summary = RfmSummaryBuilder.summarize(log(TransactionDays.of(txs, calibrationAsOf, zone)),
                    calibrationEnd, unit);
            if (summary.isEmpty()) {
                continue;
            }
            summaries.add(summary.get());
            if (holdoutEnd != null) {
                holdout.add(RfmSummaryBuilder.holdoutTransactions(log(TransactionDays.of(txs, holdoutAsOf, zone)),
                        calibrationEnd, holdoutEnd));
            }
        }
        if (summaries.size() < config.minCustomers()) {
            throw new FitRejected("calibrationEnd", summaries.size() + " customers have a purchase on or before "
                    + calibrationEnd + "; a fit needs at least " + config.minCustomers());
        }
        if (summaries.stream().noneMatch(s -> s.x() > 0 && s.meanRepeatValue() > 0)) {
            throw new FitRejected("calibrationEnd", "no customer has a paid repeat purchase on or before "
                    + calibrationEnd + ": the spend model cannot be fitted");
        }
        int[] actual = holdoutEnd == null ? null : holdout.stream().mapToInt(Integer::intValue).toArray();
        try {
            return ClvModelFitter.fitSummaries(summaries, calibrationEnd, unit, holdoutEnd, actual);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new FitRejected("calibrationEnd", "the models cannot be fitted on the data up to " + calibrationEnd);
        }
    }

    /** The model of this version, or null. */
    @WithSession
    public Uni<StoredClvModel> model(String version) {
        return models.find(version);
    }

    /** The active model, or null. */
    @WithSession
    public Uni<StoredClvModel> activeModel() {
        return models.findActive();
    }

    /** The customer's latest scores, or null. */
    @WithSession
    public Uni<CustomerScore> score(String customerId) {
        return scores.find(customerId);
    }

    /** Fits a model with calibration end today and no holdout, then scores every customer with it. */
    public Uni<ScoreRun> fitAndScore(TimeUnit unit) {
        return fit(today(), unit, null).chain(stored -> scoreAll(stored.model()));
    }

    /**
     * Scores every customer with a purchase on or before the model's calibration end, upserts the scores and stores
     * a {@link CustomerScored} event for each customer whose scores changed materially (see the class comment), in
     * transactions of {@code score-chunk-size} customers (per chunk: one read of the previous scores, one multi-row
 * upsert, one multi-row outbox insert).
     */
    public Uni<ScoreRun> scoreAll(ClvModel model) {
        Executor back = currentContext();
        Instant now = now();
        return Panache.withSession(() -> transactions.allOccurredUpTo(endOf(model.calibrationEnd())))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(all -> computeScores(model, all, now))
                .emitOn(back)
                .chain(computed -> {
                    List<List<CustomerScore>> chunks = new ArrayList<>();
                    int size = Math.max(1, config.scoreChunkSize());
                    for (int i = 0; i < computed.size(); i += size) {
                        chunks.add(computed.subList(i, Math.min(computed.size(), i + size)));
                    }
                    return Multi.createFrom().iterable(chunks)
                            .onItem().transformToUniAndConcatenate(chunk -> Panache.withTransaction(
                                    () -> storeChunk(chunk, now)).invoke(published -> {
                                        if (published > 0) {
                                            relay.wake();
                                        }
                                    }))
                            .collect().asList()
                            .map(published -> new ScoreRun(model.version(), computed.size(),
                                    published.stream().mapToInt(Integer::intValue).sum()));
                });
    }

    private Uni<Integer> storeChunk(List<CustomerScore> chunk, Instant now) {
        return scores.findAll(chunk.stream().map(CustomerScore::customerId).toList())
                .chain(previous -> {
                    List<CustomerScore> changed = chunk.stream()
                            .filter(s -> changedMaterially(previous.get(s.customerId()), s))
                            .toList();
                    return scores.upsertAll(chunk)
                            .chain(() -> outbox.addAll(changed.stream().map(ClvService::event).toList(), now))
                            .map(List::size);
                });
    }

    /** Whether a new score is worth an event (class comment), with the configured thresholds. */
    boolean changedMaterially(CustomerScore previous, CustomerScore current) {
        return changedMaterially(previous, current, config.clvChangeThreshold(), config.minClvChange());
    }

    /**
     * Whether a new score is worth an event: no previous score, another value tier or churn band, or a CLV that moved
     * by more than {@code relativeThreshold} of the previous CLV and by more than {@code minChange}.
     */
    static boolean changedMaterially(CustomerScore previous, CustomerScore current, double relativeThreshold,
            double minChange) {
        if (previous == null) {
            return true;
        }
        if (!previous.valueTier().equals(current.valueTier()) || !previous.churnRisk().equals(current.churnRisk())) {
            return true;
        }
        double before = previous.clv().doubleValue();
        double delta = Math.abs(current.clv().doubleValue() - before);
        return delta > minChange && delta > relativeThreshold * Math.abs(before);
    }

    private static CustomerScored event(CustomerScore s) {
        return new CustomerScored(s.customerId(), s.modelVersion(), s.clv(), s.currency(), s.horizonMonths(),
                s.expectedTransactions(), s.pAlive(), s.expectedSpend(), s.valueTier(), s.churnRisk(), null, null,
                s.scoredAt());
    }

    private List<CustomerScore> computeScores(ClvModel model, List<CustomerTransaction> all, Instant now) {
        int horizonMonths = (int) Math.max(1, config.horizon().toTotalMonths());
        double horizon = horizonMonths * model.unit().unitsPerYear() / 12;
        Clv clv = model.clv(horizon, config.discountRate());
        ChurnRisk churn = new ChurnRisk(config.churnBounds().stream().mapToDouble(Double::doubleValue).toArray(),
                CHURN_BANDS);
        Instant asOf = endOf(model.calibrationEnd());

        record Partial(String customerId, CustomerSummary summary, double expected, double pAlive, double spend,
                double value, String currency) {
        }
        List<Partial> partials = new ArrayList<>();
        for (List<CustomerTransaction> txs : byCustomer(all)) {
            var summary = RfmSummaryBuilder.summarize(log(TransactionDays.of(txs, asOf, zone)),
                    model.calibrationEnd(), model.unit());
            if (summary.isEmpty()) {
                continue;
            }
            CustomerSummary s = summary.get();
            double spend = finite(model.gammaGamma().conditionalExpectedSpend(s));
            double value = finite(clv.discountedTransactions(s) * spend);
            double expected = finite(model.bgNbd().conditionalExpectedTransactions(horizon, s));
            double pAlive = Math.min(1.0, Math.max(0.0, model.bgNbd().probabilityAlive(s)));
            String currency = txs.get(txs.size() - 1).currency();
            partials.add(new Partial(txs.get(0).customerId(), s, expected, pAlive, spend, value, currency));
        }
        if (partials.isEmpty()) {
            return List.of();
        }
        ValueTiers tiers = ValueTiers.exact(config.tierPercentiles().stream().mapToDouble(Double::doubleValue)
                .toArray(), partials.stream().mapToDouble(Partial::value).toArray(), config.tierNames());
        List<CustomerScore> result = new ArrayList<>(partials.size());
        for (Partial p : partials) {
            result.add(new CustomerScore(p.customerId(), model.version(), p.summary().x(), p.summary().tx(),
                    p.summary().T(), horizonMonths, p.expected(), p.pAlive(), money(p.spend()), money(p.value()),
                    p.currency(), tiers.tierName(p.value()), churn.bandName(1.0 - p.pAlive()), now));
        }
        return result;
    }

    private static double finite(double v) {
        return Double.isFinite(v) && v > 0 ? v : 0.0;
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    /** The transactions (ordered by customer) split per customer. */
    private static List<List<CustomerTransaction>> byCustomer(List<CustomerTransaction> all) {
        List<List<CustomerTransaction>> result = new ArrayList<>();
        List<CustomerTransaction> current = null;
        String customer = null;
        for (CustomerTransaction t : all) {
            if (!t.customerId().equals(customer)) {
                customer = t.customerId();
                current = new ArrayList<>();
                result.add(current);
            }
            current.add(t);
        }
        return result;
    }

    /** Transaction days as the model package's log: one purchase per day, worth the day's net amount. */
    private static List<Transaction> log(List<TransactionDays.Day> days) {
        List<Transaction> log = new ArrayList<>(days.size());
        for (TransactionDays.Day d : days) {
            log.add(Transaction.purchase(d.day(), Math.max(0.0, d.netAmount().doubleValue())));
        }
        return log;
    }

    /** The last instant of the day in the business calendar (transactions at or before it count). */
    private Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1000);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Where the session may be used again after work on a worker thread: the caller's Vert.x context. */
    private static Executor currentContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
