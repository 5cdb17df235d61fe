package io.cxvalue.experiment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.contracts.events.ExperimentStarted;
import io.cxvalue.contracts.events.ExperimentStopped;
import io.cxvalue.experiment.design.Experiment;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.design.ExperimentState;
import io.cxvalue.experiment.repository.ExperimentRepository;
import io.cxvalue.experiment.repository.ExposureRepository;
import io.cxvalue.experiment.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Designs and runs test programs: create and edit drafts, start (callers are randomized from then on) and stop. A
 * start or stop is published through the outbox in the same transaction ({@link ExperimentStarted} carries the whole
 * definition scoring-service needs to show a caller's variant with no call back here).
 */
@ApplicationScoped
public class ExperimentDesignService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExperimentRepository experiments;
    private final OutboxRepository outbox;
    private final ExposureRepository exposures;
    private final ObjectMapper json;

    public ExperimentDesignService(ExperimentRepository experiments, OutboxRepository outbox,
            ExposureRepository exposures, ObjectMapper json) {
        this.experiments = experiments;
        this.outbox = outbox;
        this.exposures = exposures;
        this.json = json;
    }

    /** A new draft with a fresh id and salt; the definition must have passed {@code DefinitionCheck}. */
    @WithTransaction
    public Uni<Experiment> create(ExperimentDefinition definition, String by) {
        Experiment draft = new Experiment("exp-" + randomHex(6), definition.name(), randomHex(16), write(definition),
                by, now());
        return experiments.persist(draft);
    }

    @WithSession
    public Uni<Optional<Experiment>> find(String id) {
        return experiments.findById(id).map(Optional::ofNullable);
    }

    /**
     * A variant's exposed customers and compliance: of their contacts reported under a variant of the experiment,
     * how many under the one they were assigned (the agent followed the card).
     */
    public record VariantExposure(long customers, long reportedContacts, long compliantContacts,
            Double complianceRate) {

        /** The rate is compliant / reported, null while no contact was reported. */
        static VariantExposure of(long customers, long reported, long compliant) {
            return new VariantExposure(customers, reported, compliant,
                    reported == 0 ? null : (double) compliant / reported);
        }
    }

    /** Per variant key (every variant listed, zeros until its first exposure); empty when no such experiment. */
    @WithSession
    public Uni<Optional<Map<String, VariantExposure>>> exposures(String id) {
        return experiments.findById(id).chain(found -> found == null ? Uni.createFrom().item(Optional.empty())
                : exposures.countByVariant(id).map(rows -> {
                    Map<String, VariantExposure> counts = new LinkedHashMap<>();
                    definition(found).variants().forEach(v -> counts.put(v.key(), VariantExposure.of(0, 0, 0)));
                    rows.forEach(row -> counts.put((String) row[0], VariantExposure.of(
                            ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                            ((Number) row[3]).longValue())));
                    return Optional.of(counts);
                }));
    }

    @WithSession
    public Uni<List<Experiment>> list(ExperimentState state) {
        return experiments.list(state);
    }

    /** Replaces a draft's definition; empty when there is no such experiment. */
    @WithTransaction
    public Uni<Optional<Experiment>> redefine(String id, ExperimentDefinition definition, String by) {
        return experiments.findById(id).map(found -> {
            if (found != null) {
                found.redefine(definition.name(), write(definition), by, now());
            }
            return Optional.ofNullable(found);
        });
    }

    /** Starts a draft; {@code plannedCustomers} is the plan's total now (null when it could not be planned). */
    @WithTransaction
    public Uni<Optional<Experiment>> start(String id, String by, Long plannedCustomers) {
        return experiments.findById(id).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(Optional.empty());
            }
            Instant at = now();
            found.start(by, at, plannedCustomers);
            ExperimentDefinition d = definition(found);
            return outbox.add(new ExperimentStarted(found.id(), found.name(), found.salt(), d.variants(),
                            d.eligibility(), d.outcomeWindowDays(), at, by), at)
                    .replaceWith(Optional.of(found));
        });
    }

    @WithTransaction
    public Uni<Optional<Experiment>> stop(String id, String by, String reason) {
        return experiments.findById(id).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(Optional.empty());
            }
            Instant at = now();
            found.stop(by, at, reason);
            return outbox.add(new ExperimentStopped(found.id(), at, by, reason), at).replaceWith(Optional.of(found));
        });
    }

    public ExperimentDefinition definition(Experiment experiment) {
        return definition(experiment.id(), experiment.definitionJson());
    }

    /** A stored definition, read where the experiment row is not at hand as an entity (the outcome path). */
    public ExperimentDefinition definition(String experimentId, String definitionJson) {
        try {
            return json.readValue(definitionJson, ExperimentDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition of " + experimentId + " is unreadable", e);
        }
    }

    private String write(ExperimentDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("definition cannot be written as JSON", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // Whole milliseconds, as PostgreSQL stores them: a time read back equals the one published.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
