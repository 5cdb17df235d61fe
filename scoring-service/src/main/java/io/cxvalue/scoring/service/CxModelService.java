package io.cxvalue.scoring.service;

import io.cxvalue.scoring.StoredCxModel;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.model.cx.CsatResponse;
import io.cxvalue.scoring.model.cx.CxModel;
import io.cxvalue.scoring.model.cx.CxModelTrainer;
import io.cxvalue.scoring.model.cx.CxScore;
import io.cxvalue.scoring.model.cx.CxTrainingException;
import io.cxvalue.scoring.model.cx.InteractionFeatures;
import io.cxvalue.scoring.model.cx.SatisfactionLabel;
import io.cxvalue.scoring.repository.CxInputRepository;
import io.cxvalue.scoring.repository.CxModelRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Trains inferred-CX models on the stored interactions that have a CSAT answer, keeps them, and hands out the active
 * one for scoring.
 *
 * <p>Training reads every respondent (an interaction joined to the CSAT answer about it, {@link CxInputRepository}),
 * trains on a worker thread ({@link CxModelTrainer}: customer-level holdout, AUC and calibration by decile on it) and
 * stores the model as the active one. The active model is cached per instance for {@code cx.scoring.cx.model-refresh}
 * so that the caller card does not read it on every call; a model trained here replaces the cache at once, one trained
 * on another instance is picked up when the cache expires.
 */
@ApplicationScoped
public class CxModelService {

    /**
     * Training settings an analyst may override; null fields take the configured defaults.
     *
     * @param satisfiedFrom   satisfied = CSAT &ge; this (2..5)
     * @param holdoutFraction share of respondent customers held out, in (0, 1)
     * @param l2Penalty       L2 penalty, &ge; 0
     * @param seed            seed of the customer split
     */
    public record TrainSettings(Integer satisfiedFrom, Double holdoutFraction, Double l2Penalty, Long seed) {

        public static final TrainSettings DEFAULTS = new TrainSettings(null, null, null, null);
    }

    /** Training was refused by the data (too few respondents, one class only, no convergence). */
    public static final class TrainingRejected extends RuntimeException {

        private final CxTrainingException.Reason reason;

        TrainingRejected(CxTrainingException cause) {
            super(cause.getMessage(), cause);
            this.reason = cause.reason();
        }

        public CxTrainingException.Reason reason() {
            return reason;
        }
    }

    private final CxModelRepository models;
    private final CxInputRepository inputs;
    private final ScoringConfig.Cx config;
    private final Duration repeatWindow;
    private final ZoneId zone;
    private final Clock clock;
    private final StaleWhileRefresh<Optional<CxModel>> current;

    public CxModelService(CxModelRepository models, CxInputRepository inputs, ScoringConfig config, Clock clock) {
        this.models = models;
        this.inputs = inputs;
        this.config = config.cx();
        this.repeatWindow = config.customerState().repeatWindow();
        this.zone = config.customerState().businessTimeZone();
        this.clock = clock;
        this.current = new StaleWhileRefresh<>("active CX model", this.config.modelRefresh(),
                () -> Panache.withSession(models::findActive)
                        .map(stored -> Optional.ofNullable(stored).map(StoredCxModel::model)));
    }

    /**
     * Trains a model on every interaction answered up to now and stores it as the active one.
     *
     * @throws TrainingRejected (as the Uni's failure) when the data do not allow a model
     */
    public Uni<StoredCxModel> train(TrainSettings settings) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CxModelTrainer.Options options = options(settings, now);
        Executor back = VertxContexts.current();
        return Panache.withSession(() -> inputs.respondents(now, repeatWindow, zone))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(respondents -> {
                    try {
                        return CxModelTrainer.train(respondents, options);
                    } catch (CxTrainingException e) {
                        throw new TrainingRejected(e);
                    }
                })
                .emitOn(back)
                .chain(model -> Panache.withTransaction(() -> models.saveActive(model))
                        .invoke(() -> current.replace(Optional.of(model)))
                        .replaceWith(new StoredCxModel(model, true)));
    }

    /** The training options: the configured defaults with the settings' overrides. */
    CxModelTrainer.Options options(TrainSettings settings, Instant trainedAt) {
        CxModelTrainer.Options defaults = CxModelTrainer.Options.defaults(trainedAt);
        return new CxModelTrainer.Options(trainedAt,
                new SatisfactionLabel(settings.satisfiedFrom() != null ? settings.satisfiedFrom()
                        : config.satisfiedFrom()),
                settings.seed() != null ? settings.seed() : defaults.seed(),
                settings.holdoutFraction() != null ? settings.holdoutFraction() : config.holdoutFraction(),
                settings.l2Penalty() != null ? settings.l2Penalty() : config.l2Penalty(),
                defaults.topReasons(), defaults.minCount(), config.minRespondents(), config.minPerClass(),
                defaults.maxIterations(), defaults.tolerance());
    }

    /**
     * A customer's CX score: the latest CSAT answer when there is one (read with the model's label, else the
     * configured one), else the model's probability for the latest contact, else none.
     *
     * @param model         the inferred-CX model, or null when none was trained
     * @param latestCsat    the customer's latest CSAT answer, or null
     * @param latestContact the customer's latest contact, or null
     */
    public CxScore score(CxModel model, CsatResponse latestCsat, InteractionFeatures latestContact) {
        Double inferred = latestCsat == null && latestContact != null && model != null
                ? model.probabilitySatisfied(latestContact) : null;
        return CxScore.of(latestCsat, inferred, model != null ? model.label()
                : new SatisfactionLabel(config.satisfiedFrom()));
    }

    /** The model of this version, or null. */
    @WithSession
    public Uni<StoredCxModel> model(String version) {
        return models.find(version);
    }

    /** The active model as stored, or null when none was trained yet. */
    @WithSession
    public Uni<StoredCxModel> activeModel() {
        return models.findActive();
    }

    /**
     * The active model for scoring (empty when none was trained yet): this instance's copy, read again in the
     * background once it is {@code model-refresh} old ({@link StaleWhileRefresh}).
     */
    public Uni<Optional<CxModel>> current() {
        return current.get();
    }
}
