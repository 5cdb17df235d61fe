package io.cxvalue.scoring.service;

import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.consumer.PollConsumer.Applied;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.scoring.SurveyResponse;
import io.cxvalue.scoring.repository.ConsumedStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Keeps each customer's survey answers (scores only, never the comment) from cx.feedback, once per event. */
@ApplicationScoped
public class FeedbackService {

    private final ConsumedBatches batches;
    private final ConsumedStateRepository state;

    public FeedbackService(ConsumedBatches batches, ConsumedStateRepository state) {
        this.batches = batches;
        this.state = state;
    }

    /**
     * Records a poll of survey responses in one transaction, exactly once per event: each response's scores under
     * its customer (the survivor, when merged); another report of a known response (same response id, new event id)
     * replaces its scores.
     */
    public Uni<Applied> recordResponses(String topic, List<ReceivedEvent<SurveyResponded>> events) {
        return batches.applyOnce(topic, events, SurveyResponded::customerId, (connection, fresh, survivors) ->
                state.upsertResponses(connection, ConsumedBatches.latestById(fresh, SurveyResponded::responseId,
                        r -> SurveyResponse.of(r, survivors.get(r.customerId())))));
    }
}
