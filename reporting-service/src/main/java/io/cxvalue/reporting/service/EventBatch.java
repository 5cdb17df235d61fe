package io.cxvalue.reporting.service;

import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionRecorded;

import java.util.ArrayList;
import java.util.List;

/** The events of one poll that the KPIs are made of, by kind, each list in the order the events were read. */
public record EventBatch(List<InteractionRecorded> interactions, List<SurveyResponded> surveys,
        List<QualityEvaluated> evaluations, List<TransactionRecorded> transactions, List<CustomersMerged> merges) {

    public static EventBatch empty() {
        return new EventBatch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
    }

    public int size() {
        return interactions.size() + surveys.size() + evaluations.size() + transactions.size() + merges.size();
    }
}
