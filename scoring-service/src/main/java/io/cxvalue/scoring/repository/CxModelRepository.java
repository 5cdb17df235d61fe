package io.cxvalue.scoring.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.scoring.StoredCxModel;
import io.cxvalue.scoring.model.cx.CxModel;
import io.cxvalue.scoring.model.cx.CxModelReport;
import io.cxvalue.scoring.model.cx.FeatureEncoder;
import io.cxvalue.scoring.model.cx.SatisfactionLabel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Trained inferred-CX models ({@code cx_model}), through native queries in Panache's current session. The encoder,
 * coefficients and report are kept as JSON; a model read back predicts exactly what the trained one did.
 */
@ApplicationScoped
public class CxModelRepository {

    private static final String COLUMNS = """
            version, format_version, trained_at, label_threshold, intercept, cast(coefficients as text),
            cast(encoder as text), cast(report as text), active""";

    /** The encoder as stored: the constructor arguments of {@link FeatureEncoder}. */
    record StoredEncoder(List<String> reasons, Map<String, Double> medians, List<FeatureEncoder.Column> columns) {
    }

    private final ObjectMapper json;

    public CxModelRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Stores the model as the active one (the same model trained again, same version, is re-activated). */
    public Uni<Void> saveActive(CxModel m) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update cx_model set active = false where active and version <> :version")
                .setParameter("version", m.version())
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        insert into cx_model (version, format_version, trained_at, label_threshold, intercept,
                            coefficients, encoder, report, active)
                        values (:version, :format, :trainedAt, :threshold, :intercept,
                            cast(cast(:coefficients as text) as jsonb), cast(cast(:encoder as text) as jsonb),
                            cast(cast(:report as text) as jsonb), true)
                        on conflict (version) do update set active = true""")
                        .setParameter("version", m.version())
                        .setParameter("format", m.formatVersion())
                        .setParameter("trainedAt", OffsetDateTime.ofInstant(m.trainedAt(), ZoneOffset.UTC))
                        .setParameter("threshold", m.label().threshold())
                        .setParameter("intercept", m.intercept())
                        .setParameter("coefficients", JsonbColumns.write(json, m.coefficients()))
                        .setParameter("encoder", JsonbColumns.write(json, new StoredEncoder(m.encoder().reasons(),
                                m.encoder().medians(), m.encoder().columns())))
                        .setParameter("report", JsonbColumns.write(json, m.report()))
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** The model of this version, or null. */
    public Uni<StoredCxModel> find(String version) {
        return Panache.getSession().chain(session -> session
                        .<Object[]>createNativeQuery("select " + COLUMNS + " from cx_model where version = :version")
                        .setParameter("version", version)
                        .getResultList())
                .map(this::first);
    }

    /** The active model, or null when none was trained yet. */
    public Uni<StoredCxModel> findActive() {
        return Panache.getSession().chain(session -> session
                        .<Object[]>createNativeQuery("select " + COLUMNS + " from cx_model where active")
                        .getResultList())
                .map(this::first);
    }

    private StoredCxModel first(List<Object[]> rows) {
        return rows.isEmpty() ? null : toModel(rows.get(0));
    }

    private StoredCxModel toModel(Object[] row) {
        StoredEncoder encoder = JsonbColumns.read(json, (String) row[6], new TypeReference<>() {
        });
        List<Double> coefficients = JsonbColumns.read(json, (String) row[5], new TypeReference<>() {
        });
        CxModel model = new CxModel((String) row[0], ((Number) row[1]).intValue(),
                ClvModelRepository.instant(row[2]), new SatisfactionLabel(((Number) row[3]).intValue()),
                new FeatureEncoder(encoder.reasons(), encoder.medians(), encoder.columns()),
                ((Number) row[4]).doubleValue(), coefficients,
                JsonbColumns.read(json, (String) row[7], new TypeReference<CxModelReport>() {
                }));
        return new StoredCxModel(model, (Boolean) row[8]);
    }
}
