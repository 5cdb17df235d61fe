package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.ValueDriversAnalysed;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.messaging.OutboxRelay;
import io.cxvalue.scoring.model.value.ValueDriverAnalysis;
import io.cxvalue.scoring.model.value.ValueDriverException;
import io.cxvalue.scoring.model.value.ValueDriverReport;
import io.cxvalue.scoring.repository.OutboxRepository;
import io.cxvalue.scoring.repository.ValueDriverRepository;
import io.cxvalue.scoring.repository.ValueDriverRepository.Stored;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * What moves customer value: reads each customer's period from the contact log, survey answers, transactions and
 * scores ({@link ValueDriverRepository}, one set-based query), fits on a worker thread ({@link ValueDriverAnalysis})
 * and keeps the analysis, which the reads then answer from, and publishes it ({@code ValueDriversAnalysed} on
 * cx.value-drivers, through the outbox in the same transaction) for reporting's process-change returns.
 *
 * <p>The periods are whole months of the business calendar ending at {@code asOf}: the next period (the outcome) is
 * the {@code months} before it, the period analysed the {@code months} before that, its contacts are counted against
 * the {@code months} before that again, and prior spend is that of the year before the period analysed.
 */
@ApplicationScoped
public class ValueDriverService {

    /** The data do not allow the analysis. */
    public static final class AnalysisRejected extends RuntimeException {

        private final ValueDriverException.Reason reason;

        AnalysisRejected(ValueDriverException cause) {
            super(cause.getMessage(), cause);
            this.reason = cause.reason();
        }

        public ValueDriverException.Reason reason() {
            return reason;
        }
    }

    private final ValueDriverRepository repository;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final ScoringConfig.ValueDrivers config;
    private final ScoringConfig.Clv clv;
    private final ValueDriverRepository.Definitions definitions;
    private final ZoneId zone;
    private final Clock clock;

    public ValueDriverService(ValueDriverRepository repository, OutboxRepository outbox, OutboxRelay relay,
            ScoringConfig config, Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config.valueDrivers();
        this.clv = config.clv();
        this.definitions = new ValueDriverRepository.Definitions(config.customerState().repeatWindow(),
                this.config.longWait(), this.config.negativeSentimentBelow(), this.config.lowCsatAtMost());
        this.zone = config.customerState().businessTimeZone();
        this.clock = clock;
    }

    /** Most customers an analysis fits on (the configured cap, and the default). */
    public int maxCustomers() {
        return config.maxCustomers();
    }

    /** Today in the business calendar: the latest {@code asOf} an analysis may end at. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * Runs the analysis of the periods ending at {@code asOf} and keeps it.
     *
     * @param maxCustomers fit on a random sample of about this many customers when there are more
     *
     * @throws AnalysisRejected (as the Uni's failure) when the data do not allow it
     */
    public Uni<Stored> analyse(LocalDate asOf, int months, int maxCustomers) {
        Instant outcomeTo = asOf.atStartOfDay(zone).toInstant();
        Instant outcomeFrom = asOf.minusMonths(months).atStartOfDay(zone).toInstant();
        Instant experienceFrom = asOf.minusMonths(2L * months).atStartOfDay(zone).toInstant();
        Instant priorFrom = asOf.minusMonths(3L * months).atStartOfDay(zone).toInstant();
        Instant spendFrom = asOf.minusMonths(2L * months).minusYears(1).atStartOfDay(zone).toInstant();
        ValueDriverReport.Period period = new ValueDriverReport.Period(experienceFrom, outcomeFrom, outcomeTo, months);
        Instant analysedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Executor back = VertxContexts.current();
        // The repository reads in sessions of its own (two queries side by side).
        return repository.periods(period, priorFrom, spendFrom, definitions, maxCustomers)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(input -> {
                    try {
                        return ValueDriverAnalysis.analyse(input.periods(), input.population(), period,
                                options(months, input.clvCurrency()));
                    } catch (ValueDriverException e) {
                        throw new AnalysisRejected(e);
                    }
                })
                .emitOn(back)
                .chain(report -> {
                    Stored stored = new Stored(UUID.randomUUID().toString(), analysedAt, report);
                    // Kept and published together (outbox): reporting prices process changes with it.
                    return Panache.withTransaction(() -> repository.save(stored)
                                    .chain(() -> outbox.addAll(List.of(event(stored)), analysedAt)))
                            .invoke(relay::wake)
                            .replaceWith(stored);
                });
    }

    private ValueDriverAnalysis.Options options(int months, String scoredCurrency) {
        double[] percentiles = clv.tierPercentiles().stream().mapToDouble(Double::doubleValue).toArray();
        return new ValueDriverAnalysis.Options(months, config.minCustomers(), config.minPerClass(),
                config.minAffected(), config.maxReasons(), percentiles, clv.tierNames(),
                scoredCurrency != null ? scoredCurrency : config.currency());
    }

    static ValueDriversAnalysed event(Stored stored) {
        ValueDriverReport r = stored.report();
        List<ValueDriversAnalysed.Driver> drivers = r.drivers().stream()
                .map(d -> new ValueDriversAnalysed.Driver(d.experience().name(), d.customersPerMonth(),
                        d.retentionChange().estimate(),
                        d.valueAtStake() == null ? null : d.valueAtStake().estimate(),
                        d.valueAtStake() == null ? null : d.valueAtStake().low(),
                        d.valueAtStake() == null ? null : d.valueAtStake().high()))
                .toList();
        return new ValueDriversAnalysed(stored.id(), stored.analysedAt(), r.period().outcomeTo(), r.period().months(),
                r.currency(), drivers);
    }

    /** The analysis with this id, or null. */
    @WithSession
    public Uni<Stored> find(String id) {
        return repository.find(id);
    }

    /** The analysis run last, or null. */
    @WithSession
    public Uni<Stored> latest() {
        return repository.latest();
    }
}
