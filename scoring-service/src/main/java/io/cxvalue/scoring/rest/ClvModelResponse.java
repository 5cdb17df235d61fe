package io.cxvalue.scoring.rest;

import io.cxvalue.scoring.DataCoverage;
import io.cxvalue.scoring.StoredClvModel;
import io.cxvalue.scoring.model.clv.ClvModel;
import io.cxvalue.scoring.model.clv.HoldoutReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A fitted CLV model: its version, the calibration period, the BG/NBD and Gamma-Gamma parameters with their
 * log-likelihoods and convergence, the number of customers, and (with a holdout end) predicted vs actual holdout
 * transactions in total and by frequency group.
 */
public record ClvModelResponse(String version, int formatVersion, String fittedAt, boolean active,
        String calibrationEnd, String timeUnit, long customerCount, BgNbd bgNbd, GammaGamma gammaGamma,
        Holdout holdout,
        @Schema(description = "What data the fit saw when it started: per topic the latest event applied and the "
                + "events still waiting (lag; null when Kafka could not say); null for a model fitted before this "
                + "was recorded") DataCoverage coverage) {

    /** BG/NBD parameters (alpha in the time unit) and fit. */
    public record BgNbd(double r, double alpha, double a, double b, double logLikelihood, boolean converged) {
    }

    /** Gamma-Gamma parameters (gamma in currency units) and fit, on the customers with repeat purchases. */
    public record GammaGamma(double p, double q, double gamma, double logLikelihood, boolean converged,
            long customerCount) {
    }

    /** Predicted vs actual repeat transactions in (calibrationEnd, holdoutEnd]. */
    public record Holdout(String holdoutEnd, double length, long customers, double predicted, long actual,
            List<Group> byFrequency) {
    }

    /** One calibration-frequency group ("0", "1", ..., "7+"). */
    public record Group(String frequency, long customers, double predicted, long actual) {
    }

    static ClvModelResponse of(StoredClvModel stored) {
        ClvModel m = stored.model();
        HoldoutReport h = m.holdout();
        Holdout holdout = h == null ? null : new Holdout(m.holdoutEnd().toString(), h.holdoutLength(), h.customers(),
                h.predicted(), h.actual(), h.groups().stream()
                        .map(g -> new Group(g.label(), g.customers(), g.predicted(), g.actual())).toList());
        return new ClvModelResponse(m.version(), m.formatVersion(), stored.fittedAt().toString(), stored.active(),
                m.calibrationEnd().toString(), m.unit().name(), m.customerCount(),
                new BgNbd(m.bgNbd().r(), m.bgNbd().alpha(), m.bgNbd().a(), m.bgNbd().b(),
                        m.bgNbdFit().logLikelihood(), m.bgNbdFit().converged()),
                new GammaGamma(m.gammaGamma().p(), m.gammaGamma().q(), m.gammaGamma().gamma(),
                        m.gammaGammaFit().logLikelihood(), m.gammaGammaFit().converged(),
                        m.gammaGammaFit().customerCount()),
                holdout, stored.coverage());
    }
}
