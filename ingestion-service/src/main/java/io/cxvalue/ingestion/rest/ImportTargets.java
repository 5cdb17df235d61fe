package io.cxvalue.ingestion.rest;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/** The kinds a file can be imported as, by the name of their collection in the API: interactions, customers, ... */
@ApplicationScoped
public class ImportTargets {

    /** How the records of one kind are read and stored: the request type, and the kind's batch path. */
    public record Target<Q>(Class<Q> type, Function<List<BatchReader.Read<Q>>, Uni<List<BatchResponse.Item>>> store) {
    }

    private final Map<String, Target<?>> targets;

    public ImportTargets(InteractionResource interactions, SurveyResponseResource surveys,
            QualityEvaluationResource evaluations, TransactionResource transactions, CustomerResource customers) {
        this.targets = Map.of(
                "interactions", target(interactions),
                "survey-responses", target(surveys),
                "quality-evaluations", target(evaluations),
                "transactions", target(transactions),
                "customers", new Target<>(CustomerProfileRequest.class, customers::accept));
    }

    private static <Q extends RecordRequest<?>> Target<Q> target(RecordResource<?, Q> resource) {
        return new Target<>(resource.requestType(), resource::accept);
    }

    public Optional<Target<?>> find(String kind) {
        return Optional.ofNullable(targets.get(kind));
    }

    public static List<String> kinds() {
        return List.of("interactions", "survey-responses", "quality-evaluations", "transactions", "customers");
    }
}
