package io.cxvalue.scoring.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.scoring.DataCoverage;
import io.cxvalue.scoring.StoredClvModel;
import io.cxvalue.scoring.model.clv.BgNbdModel;
import io.cxvalue.scoring.model.clv.ClvModel;
import io.cxvalue.scoring.model.clv.FitResult;
import io.cxvalue.scoring.model.clv.GammaGammaModel;
import io.cxvalue.scoring.model.clv.HoldoutReport;
import io.cxvalue.scoring.model.clv.TimeUnit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Fitted CLV models ({@code clv_model}), through native queries in Panache's current session. */
@ApplicationScoped
public class ClvModelRepository {

    private static final String COLUMNS = """
            version, format_version, fitted_at, calibration_end, time_unit, r, alpha, a, b, bg_nbd_log_likelihood,
            bg_nbd_converged, p, q, gamma, gamma_gamma_log_likelihood, gamma_gamma_converged,
            gamma_gamma_customer_count, customer_count, holdout_end, cast(holdout as text), active,
            cast(data_coverage as text)""";

    private final ObjectMapper json;

    public ClvModelRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Stores the model as the active one (an identical earlier fit, same version, is re-activated). */
    public Uni<Void> saveActive(ClvModel m, Instant fittedAt, DataCoverage coverage) {
        String holdout = m.holdout() == null ? null : JsonbColumns.write(json, m.holdout());
        String covered = coverage == null ? null : JsonbColumns.write(json, coverage);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update clv_model set active = false where active and version <> :version")
                .setParameter("version", m.version())
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        insert into clv_model (version, format_version, fitted_at, calibration_end, time_unit, r, alpha,
                            a, b, bg_nbd_log_likelihood, bg_nbd_converged, p, q, gamma, gamma_gamma_log_likelihood,
                            gamma_gamma_converged, gamma_gamma_customer_count, customer_count, holdout_end, holdout,
                            active, data_coverage)
                        values (:version, :format, :fittedAt, :calibrationEnd, :unit, :r, :alpha, :a, :b, :bgLl,
                            :bgConverged, :p, :q, :gamma, :ggLl, :ggConverged, :ggCount, :count, :holdoutEnd,
                            cast(cast(:holdout as text) as jsonb), true, cast(cast(:coverage as text) as jsonb))
                        on conflict (version) do update set fitted_at = excluded.fitted_at,
                            holdout_end = excluded.holdout_end, holdout = excluded.holdout, active = true,
                            data_coverage = excluded.data_coverage""")
                        .setParameter("version", m.version())
                        .setParameter("format", m.formatVersion())
                        .setParameter("fittedAt", OffsetDateTime.ofInstant(fittedAt, ZoneOffset.UTC))
                        .setParameter("calibrationEnd", m.calibrationEnd())
                        .setParameter("unit", m.unit().name())
                        .setParameter("r", m.bgNbd().r())
                        .setParameter("alpha", m.bgNbd().alpha())
                        .setParameter("a", m.bgNbd().a())
                        .setParameter("b", m.bgNbd().b())
                        .setParameter("bgLl", m.bgNbdFit().logLikelihood())
                        .setParameter("bgConverged", m.bgNbdFit().converged())
                        .setParameter("p", m.gammaGamma().p())
                        .setParameter("q", m.gammaGamma().q())
                        .setParameter("gamma", m.gammaGamma().gamma())
                        .setParameter("ggLl", m.gammaGammaFit().logLikelihood())
                        .setParameter("ggConverged", m.gammaGammaFit().converged())
                        .setParameter("ggCount", m.gammaGammaFit().customerCount())
                        .setParameter("count", m.customerCount())
                        .setParameter("holdoutEnd", m.holdoutEnd())
                        .setParameter("holdout", holdout)
                        .setParameter("coverage", covered)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** The model of this version, or null. */
    public Uni<StoredClvModel> find(String version) {
        return Panache.getSession().chain(session -> session
                        .<Object[]>createNativeQuery("select " + COLUMNS + " from clv_model where version = :version")
                        .setParameter("version", version)
                        .getResultList())
                .map(this::first);
    }

    /** The active model, or null when none was fitted yet. */
    public Uni<StoredClvModel> findActive() {
        return Panache.getSession().chain(session -> session
                        .<Object[]>createNativeQuery("select " + COLUMNS + " from clv_model where active")
                        .getResultList())
                .map(this::first);
    }

    private StoredClvModel first(List<Object[]> rows) {
        return rows.isEmpty() ? null : toModel(rows.get(0));
    }

    private StoredClvModel toModel(Object[] row) {
        String version = (String) row[0];
        int format = ((Number) row[1]).intValue();
        Instant fittedAt = instant(row[2]);
        LocalDate calibrationEnd = date(row[3]);
        TimeUnit unit = TimeUnit.valueOf((String) row[4]);
        BgNbdModel bg = new BgNbdModel(d(row[5]), d(row[6]), d(row[7]), d(row[8]));
        long count = ((Number) row[17]).longValue();
        FitResult bgFit = new FitResult(d(row[9]), 0, 0, (Boolean) row[10], count, 0, 0, List.of());
        GammaGammaModel gg = new GammaGammaModel(d(row[11]), d(row[12]), d(row[13]));
        FitResult ggFit = new FitResult(d(row[14]), 0, 0, (Boolean) row[15], ((Number) row[16]).longValue(), 0, 0,
                List.of());
        LocalDate holdoutEnd = row[18] == null ? null : date(row[18]);
        HoldoutReport holdout = row[19] == null ? null : read((String) row[19], HoldoutReport.class);
        ClvModel model = new ClvModel(version, format, calibrationEnd, unit, bg, bgFit, gg, ggFit, count, holdoutEnd,
                holdout);
        DataCoverage coverage = row[21] == null ? null : read((String) row[21], DataCoverage.class);
        return new StoredClvModel(model, fittedAt, (Boolean) row[20], coverage);
    }

    private static double d(Object value) {
        return ((Number) value).doubleValue();
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        throw new IllegalStateException("Not a point in time: " + (value == null ? "null" : value.getClass()));
    }

    private <T> T read(String text, Class<T> type) {
        try {
            var node = json.readTree(text);
            // A value bound as a JSON string by an older write: unwrap it.
            return json.treeToValue(node.isTextual() ? json.readTree(node.asText()) : node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
