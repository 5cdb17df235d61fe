package io.cxvalue.scoring.service;

import io.cxvalue.scoring.config.ScoringConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * The scheduled scoring run ({@code cx.scoring.clv.schedule}, nightly by default; {@code off} disables it): train an
 * inferred-CX model on the answers so far (unless {@code cx.scoring.cx.train-on-schedule} is false; when the data do
 * not allow one, the previous model stays active), fit a CLV model with calibration end today and no holdout, activate
 * both, score every customer and publish the changes.
 */
@ApplicationScoped
public class ClvSchedule {

    private static final Logger LOG = Logger.getLogger(ClvSchedule.class);

    private final ClvService service;
    private final CxModelService cxModels;
    private final ScoringConfig config;
    private final Vertx vertx;

    public ClvSchedule(ClvService service, CxModelService cxModels, ScoringConfig config, Vertx vertx) {
        this.service = service;
        this.cxModels = cxModels;
        this.config = config;
        this.vertx = vertx;
    }

    @Scheduled(identity = "clv-fit-and-score", cron = "${cx.scoring.clv.schedule}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        // A duplicated context of its own: Hibernate Reactive keeps the run's sessions on it.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        Executor executor = task -> context.runOnContext(ignored -> task.run());
        try {
            ClvService.ScoreRun run = Uni.createFrom().voidItem().emitOn(executor)
                    .chain(this::trainCxModel)
                    .chain(() -> service.fitAndScore(config.clv().scheduleTimeUnit()))
                    .await().indefinitely();
            LOG.infof("Scheduled CLV run: model %s, %d customers scored, %d score changes published",
                    run.modelVersion(), run.scored(), run.published());
        } catch (ClvService.FitRejected e) {
            LOG.warnf("Scheduled CLV fit skipped: %s", e.getMessage());
        }
    }

    private Uni<Void> trainCxModel() {
        if (!config.cx().trainOnSchedule()) {
            return Uni.createFrom().voidItem();
        }
        return cxModels.train(CxModelService.TrainSettings.DEFAULTS)
                .invoke(stored -> LOG.infof("Scheduled inferred-CX training: model %s, holdout AUC %.3f",
                        stored.model().version(), stored.model().report().auc()))
                .onFailure(CxModelService.TrainingRejected.class).recoverWithItem(e -> {
                    LOG.warnf("Scheduled inferred-CX training skipped, the active model (if any) stays: %s",
                            e.getMessage());
                    return null;
                })
                .replaceWithVoid();
    }
}
