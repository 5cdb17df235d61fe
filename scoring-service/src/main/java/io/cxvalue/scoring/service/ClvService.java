package io.cxvalue.scoring.service;

import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.scoring.CustomerScore;
import io.cxvalue.scoring.CustomerTransaction;
import io.cxvalue.scoring.DataCoverage;
import io.cxvalue.scoring.StoredClvModel;
import io.cxvalue.scoring.TransactionDays;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.messaging.ConsumerCoverage;
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
import io.cxvalue.scoring.model.cx.CxModel;
import io.cxvalue.scoring.model.cx.CxScore;
import io.cxvalue.scoring.repository.ClvModelRepository;
import io.cxvalue.scoring.repository.CustomerScoreRepository;
import io.cxvalue.scoring.repository.CustomerTransactionRepository;
import io.cxvalue.scoring.repository.CxInputRepository;
import io.cxvalue.scoring.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fits CLV models from every customer's transaction days and scores every customer with one.
 *
 * <h2>Fit</h2>
 * Customers' transactions up to the end of the calibration (or holdout) end day are read a page of customers at a
 * time ({@code cx.scoring.clv.read-page-size}), turned into each customer's transaction days ({@link TransactionDays}:
 * the business calendar, cancellations and refunds) and summarised by the model package on a worker thread; only the
 * summaries are kept (the fitter compresses identical rows), and the model is stored as the active one.
 *
 * <h2>Scores</h2>
 * Customers are scored as of the model's calibration end (the day the model's t_x and T refer to; for the nightly
 * job that is today): expected transactions over the configured horizon, P(alive), expected spend, discounted CLV,
 * the value tier from the CLV distribution of all scored customers at the configured percentiles (exact quantiles,
 * {@link ValueTiers#exact}, so that rescoring unchanged data moves nobody across a tier boundary) and the churn band
 * of 1 - P(alive). Each score carries the customer's CX score as of the run ({@link CxModelService#score}: the latest
 * CSAT answer, else the active inferred-CX model on the latest contact). Scores are upserted in chunks of
 * {@code cx.scoring.clv.score-chunk-size} customers, one transaction and one multi-row statement per chunk.
 *
 * <h2>When a score change is published</h2>
 * A {@link CustomerScored} event goes to the outbox, in the chunk's transaction, when the customer had no score
 * before, or its value tier, churn band or CX source changed, or its CX probability moved by more than
 * {@code cx.scoring.cx.change-threshold} (default 0.1), or its CLV moved by more than {@code clv-change-threshold}
 * (default 10 %) of the previous CLV <em>and</em> by more than {@code min-clv-change} (default 1.0 currency unit). A
 * new model version alone, with scores that moved less, publishes nothing; the stored row is still updated to the new
 * model. Customers without a purchase have no CLV and so no scores row or event; their CX score is on the caller card.
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

    /** A scoring run was asked for before any CLV model was fitted. */
    public static final class NoActiveModel extends RuntimeException {

        public NoActiveModel() {
            super("No CLV model was fitted yet: fit one first (POST /api/v1/clv/models)");
        }
    }

    /** A scoring run was asked for while another one was in progress on this instance. */
    public static final class ScoringBusy extends RuntimeException {

        public ScoringBusy() {
            super("A scoring run is already in progress; try again when it has finished");
        }
    }

    /** What a scoring run did. */
    public record ScoreRun(String modelVersion, int scored, int published, DataCoverage coverage) {
    }

    /** {@link CustomerScored#cxScoreSource()} of a CX score from a survey answer. */
    static final String CX_SOURCE_SURVEY = "SURVEY";
    /** {@link CustomerScored#cxScoreSource()} of an inferred CX score. */
    static final String CX_SOURCE_INFERRED = "INFERRED";

    private static final List<String> CHURN_BANDS = List.of("LOW", "MEDIUM", "HIGH");
    /** The topics whose events fits and runs read: purchases, and the customers they belong to (merges). */
    static final List<String> COVERED_TOPICS = List.of(Topics.TRANSACTIONS, Topics.CUSTOMERS);

    private final CustomerTransactionRepository transactions;
    private final ClvModelRepository models;
    private final CustomerScoreRepository scores;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final CxInputRepository cxInputs;
    private final CxModelService cxModels;
    private final ScoringConfig.Clv config;
    private final double cxChangeThreshold;
    private final Duration repeatWindow;
    private final ZoneId zone;
    private final Clock clock;
    private final ConsumerCoverage coverage;
    private final AtomicBoolean running = new AtomicBoolean();

    public ClvService(CustomerTransactionRepository transactions, ClvModelRepository models,
            CustomerScoreRepository scores, OutboxRepository outbox, OutboxRelay relay, CxInputRepository cxInputs,
            CxModelService cxModels, ConsumerCoverage coverage, ScoringConfig config, Clock clock) {
        this.transactions = transactions;
        this.models = models;
        this.scores = scores;
        this.outbox = outbox;
        this.relay = relay;
        this.cxInputs = cxInputs;
        this.cxModels = cxModels;
        this.coverage = coverage;
        this.config = config.clv();
        this.cxChangeThreshold = config.cx().changeThreshold();
        this.repeatWindow = config.customerState().repeatWindow();
        this.zone = config.customerState().businessTimeZone();
        this.clock = clock;
    }

    /** Today in the business calendar. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * Fits BG/NBD and Gamma-Gamma on every customer with a purchase on or before {@code calibrationEnd} and stores
     * the model as the active one. Customers are read {@code read-page-size} at a time; only their summaries are kept.
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
        Instant calibrationAsOf = endOf(calibrationEnd);
        Instant holdoutAsOf = holdoutEnd == null ? null : endOf(holdoutEnd);
        List<CustomerSummary> summaries = new ArrayList<>();
        List<Integer> holdout = new ArrayList<>();
        Executor back = VertxContexts.current();
        DataCoverage[] seen = new DataCoverage[1];
        return coverage.measure(COVERED_TOPICS).invoke(measured -> seen[0] = measured)
                .chain(() -> forEachPage(holdoutAsOf == null ? calibrationAsOf : holdoutAsOf,
                customers -> onWorker(back, () -> {
                    for (List<CustomerTransaction> txs : customers) {
                        var summary = RfmSummaryBuilder.summarize(log(TransactionDays.of(txs, calibrationAsOf, zone)),
                                calibrationEnd, unit);
                        if (summary.isEmpty()) {
                            continue;
                        }
                        summaries.add(summary.get());
                        if (holdoutEnd != null) {
                            holdout.add(RfmSummaryBuilder.holdoutTransactions(
                                    log(TransactionDays.of(txs, holdoutAsOf, zone)), calibrationEnd, holdoutEnd));
                        }
                    }
                    return null;
                }).replaceWithVoid()))
                .chain(() -> onWorker(back, () -> fitModel(summaries, holdout, calibrationEnd, unit, holdoutEnd)))
                .chain(model -> {
                    Instant now = now();
                    return Panache.withTransaction(() -> models.saveActive(model, now, seen[0]))
                            .replaceWith(new StoredClvModel(model, now, true, seen[0]));
                });
    }

    private ClvModel fitModel(List<CustomerSummary> summaries, List<Integer> holdout, LocalDate calibrationEnd,
            TimeUnit unit, LocalDate holdoutEnd) {
        if (summaries.size() < config.minCustomers()) {
            throw new FitRejected("calibrationEnd", summaries.size() + " customers have a purchase on or before "
                    + calibrationEnd + "; a fit needs at least " + config.minCustomers());
        }
        if (summaries.stream().noneMatch(s -> s.x() > 0 && s.meanRepeatValue() > 0)) {
            throw new FitRejected("calibrationEnd", "no customer has a paid repeat purchase on or before "
                    + calibrationEnd + ": the spend model cannot be fitted");
        }
        int[] actual = holdoutEnd == null ? null : holdout.stream().mapToInt(Integer::intValue).toArray();
        ClvModel model;
        try {
            model = ClvModelFitter.fitSummaries(summaries, calibrationEnd, unit, holdoutEnd, actual);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new FitRejected("calibrationEnd", "the models cannot be fitted on the data up to " + calibrationEnd);
        }
        if (!(model.gammaGamma().q() > 1)) {
            // E[spend] = p gamma / (q - 1) is infinite for q <= 1: such a model would value customers without bound.
            throw new FitRejected("calibrationEnd", "the spend model fitted on the data up to " + calibrationEnd
                    + " has q = " + model.gammaGamma().q() + " <= 1 (unbounded mean spend); more customers with "
                    + "repeat purchases are needed");
        }
        return model;
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

    /** Scores every customer with the active CLV model; fails with {@link NoActiveModel} when none was fitted. */
    public Uni<ScoreRun> scoreAllWithActiveModel() {
        return activeModel().chain(stored -> stored == null
                ? Uni.createFrom().failure(new NoActiveModel())
                : scoreAll(stored.model()));
    }

    /**
     * Scores every customer with a purchase on or before the model's calibration end, upserts the scores and stores
     * a {@link CustomerScored} event for each customer whose scores changed materially (see the class comment).
     *
     * <p>Two passes over the customers, {@code read-page-size} per query, so that memory stays bounded: the first
     * computes every CLV for the tier boundaries, the second computes the scores again, adds the CX score and stores
     * them in transactions of {@code score-chunk-size} customers (per chunk: one read each of the previous scores,
     * the latest CSAT answers and the latest contacts, one multi-row upsert, one multi-row outbox insert). One run at
     * a time per instance: another one meanwhile fails with {@link ScoringBusy}.
     */
    public Uni<ScoreRun> scoreAll(ClvModel model) {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().failure(new ScoringBusy());
        }
        Executor back = VertxContexts.current();
        Instant now = now();
        Instant asOf = endOf(model.calibrationEnd());
        Valuation valuation = new Valuation(model);
        List<double[]> valuePages = new ArrayList<>();
        int[] counts = new int[2]; // scored, published
        DataCoverage[] seen = new DataCoverage[1];
        return coverage.measure(COVERED_TOPICS).invoke(measured -> seen[0] = measured)
                .chain(() -> forEachPage(asOf,
                        customers -> onWorker(back, () -> valuePages.add(valuation.values(customers, asOf)))
                                .replaceWithVoid()))
                .chain(() -> cxModels.current())
                .chain(cxModel -> {
                    double[] values = valuePages.stream().flatMapToDouble(Arrays::stream).toArray();
                    valuePages.clear();
                    if (values.length == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    ValueTiers tiers = ValueTiers.exact(config.tierPercentiles().stream()
                            .mapToDouble(Double::doubleValue).toArray(), values, config.tierNames());
                    return forEachPage(asOf, customers -> onWorker(back,
                                    () -> valuation.scores(customers, asOf, tiers, now))
                            .chain(page -> storePage(page, cxModel.orElse(null), now, counts)));
                })
                .map(done -> new ScoreRun(model.version(), counts[0], counts[1], seen[0]))
                .eventually(() -> running.set(false));
    }

    /** Stores a page of scores, {@code score-chunk-size} customers per transaction, counting scored and published. */
    private Uni<Void> storePage(List<CustomerScore> page, CxModel cxModel, Instant now, int[] counts) {
        int size = Math.max(1, config.scoreChunkSize());
        List<List<CustomerScore>> chunks = new ArrayList<>();
        for (int i = 0; i < page.size(); i += size) {
            chunks.add(page.subList(i, Math.min(page.size(), i + size)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> Panache.withTransaction(
                        () -> storeChunk(chunk, cxModel, now)).invoke(published -> {
                            counts[0] += chunk.size();
                            counts[1] += published;
                            if (published > 0) {
                                relay.wake();
                            }
                        }))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Integer> storeChunk(List<CustomerScore> chunk, CxModel cxModel, Instant now) {
        List<String> ids = chunk.stream().map(CustomerScore::customerId).toList();
        return cxInputs.latestCsat(ids, now)
                .chain(csat -> cxInputs.latestContacts(ids, now, repeatWindow, zone)
                        .map(contacts -> chunk.stream().map(s -> s.withCx(
                                cxModels.score(cxModel, csat.get(s.customerId()), contacts.get(s.customerId())),
                                cxModel == null ? null : cxModel.version())).toList()))
                .chain(scored -> scores.findAll(ids).chain(previous -> {
                    List<CustomerScore> changed = scored.stream()
                            .filter(s -> changedMaterially(previous.get(s.customerId()), s))
                            .toList();
                    return scores.upsertAll(scored)
                            .chain(() -> outbox.addAll(changed.stream().map(ClvService::event).toList(), now))
                            .map(List::size);
                }));
    }

    /** Whether a new score is worth an event (class comment), with the configured thresholds. */
    boolean changedMaterially(CustomerScore previous, CustomerScore current) {
        return changedMaterially(previous, current, config.clvChangeThreshold(), config.minClvChange(),
                cxChangeThreshold);
    }

    /**
     * Whether a new score is worth an event: no previous score, another value tier, churn band or CX source, a CX
     * probability that moved by more than {@code cxThreshold}, or a CLV that moved by more than
     * {@code relativeThreshold} of the previous CLV and by more than {@code minChange}.
     */
    static boolean changedMaterially(CustomerScore previous, CustomerScore current, double relativeThreshold,
            double minChange, double cxThreshold) {
        if (previous == null) {
            return true;
        }
        if (!previous.valueTier().equals(current.valueTier()) || !previous.churnRisk().equals(current.churnRisk())
                || previous.cxSource() != current.cxSource()) {
            return true;
        }
        if (previous.cxSatisfaction() != null && current.cxSatisfaction() != null
                && Math.abs(current.cxSatisfaction() - previous.cxSatisfaction()) > cxThreshold) {
            return true;
        }
        double before = previous.clv().doubleValue();
        double delta = Math.abs(current.clv().doubleValue() - before);
        return delta > minChange && delta > relativeThreshold * Math.abs(before);
    }

    private static CustomerScored event(CustomerScore s) {
        String cxSource = switch (s.cxSource()) {
            case REAL -> CX_SOURCE_SURVEY;
            case INFERRED -> CX_SOURCE_INFERRED;
            case NONE -> null;
        };
        return new CustomerScored(s.customerId(), s.modelVersion(), s.clv(), s.currency(), s.horizonMonths(),
                s.expectedTransactions(), s.pAlive(), s.expectedSpend(), s.valueTier(), s.churnRisk(),
                s.cxSatisfaction(), cxSource, s.scoredAt());
    }

    /** A customer's value under one model, before the tier is known. */
    private record Valued(String customerId, CustomerSummary summary, double expected, double pAlive, double spend,
            double value, String currency) {
    }

    /** Values customers under one CLV model with the configured horizon, discount rate and churn bands. */
    private final class Valuation {

        private final ClvModel model;
        private final int horizonMonths;
        private final double horizon;
        private final Clv clv;
        private final ChurnRisk churn;

        Valuation(ClvModel model) {
            this.model = model;
            this.horizonMonths = (int) Math.max(1, config.horizon().toTotalMonths());
            this.horizon = horizonMonths * model.unit().unitsPerYear() / 12;
            this.clv = model.clv(horizon, config.discountRate());
            this.churn = new ChurnRisk(config.churnBounds().stream().mapToDouble(Double::doubleValue).toArray(),
                    CHURN_BANDS);
        }

        /** The customer's value as of {@code asOf}, or null without a purchase by then. */
        Valued value(List<CustomerTransaction> txs, Instant asOf) {
            var summary = RfmSummaryBuilder.summarize(log(TransactionDays.of(txs, asOf, zone)),
                    model.calibrationEnd(), model.unit());
            if (summary.isEmpty()) {
                return null;
            }
            CustomerSummary s = summary.get();
            double spend = finite(model.gammaGamma().conditionalExpectedSpend(s));
            double value = finite(clv.discountedTransactions(s) * spend);
            double expected = finite(model.bgNbd().conditionalExpectedTransactions(horizon, s));
            double pAlive = Math.min(1.0, Math.max(0.0, model.bgNbd().probabilityAlive(s)));
            return new Valued(txs.get(0).customerId(), s, expected, pAlive, spend, value,
                    txs.get(txs.size() - 1).currency());
        }

        /** The CLVs of the customers on a page that have a purchase by {@code asOf}. */
        double[] values(List<List<CustomerTransaction>> customers, Instant asOf) {
            return customers.stream().map(txs -> value(txs, asOf)).filter(Objects::nonNull)
                    .mapToDouble(Valued::value).toArray();
        }

        /** The scores (without CX) of the customers on a page that have a purchase by {@code asOf}. */
        List<CustomerScore> scores(List<List<CustomerTransaction>> customers, Instant asOf, ValueTiers tiers,
                Instant now) {
            List<CustomerScore> result = new ArrayList<>(customers.size());
            for (List<CustomerTransaction> txs : customers) {
                Valued v = value(txs, asOf);
                if (v != null) {
                    result.add(new CustomerScore(v.customerId(), model.version(), v.summary().x(), v.summary().tx(),
                            v.summary().T(), horizonMonths, v.expected(), v.pAlive(), money(v.spend()),
                            money(v.value()), v.currency(), tiers.tierName(v.value()),
                            churn.bandName(1.0 - v.pAlive()), now, CxScore.Source.NONE, null, null));
                }
            }
            return result;
        }
    }

    /**
     * Reads every customer with a transaction up to {@code asOf}, {@code read-page-size} customers per query (each in
     * a session of its own, opened on the caller's context), and hands each page, one list of transactions per
     * customer, to {@code step}; the next page is read when the step is done.
     *
     * <p>A repeated read rather than a recursion: a chain of pages each subscribed inside the previous one keeps every
     * page reachable until the last is done (and after, for as long as anything holds the chain), so a run over all
     * customers held all their transactions; this keeps one page at a time.
     */
    private Uni<Void> forEachPage(Instant asOf, Function<List<List<CustomerTransaction>>, Uni<Void>> step) {
        int pageSize = Math.max(1, config.readPageSize());
        String[] after = {null};
        // One repetition reads a page and runs the step on it; the next starts when it is done, so the page's read
        // never overlaps the step's own sessions on the same context.
        return Multi.createBy().repeating()
                .uni(() -> Panache.withSession(() -> transactions.nextCustomersOccurredUpTo(after[0], pageSize, asOf))
                        .call(rows -> {
                            if (rows.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            after[0] = rows.get(rows.size() - 1).customerId();
                            return step.apply(byCustomer(rows));
                        })
                        .map(List::isEmpty))
                .until(lastPage -> lastPage)
                .collect().last()
                .replaceWithVoid();
    }

    /** Runs CPU-bound work on a worker thread (not the event loop) and continues on {@code back}. */
    private static <T> Uni<T> onWorker(Executor back, Supplier<T> work) {
        return Uni.createFrom().voidItem()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(ignored -> work.get())
                .emitOn(back);
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
}
