package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.Topics;

/**
 * An event of {@link Topics#EXPERIMENTS}: about an experiment, not about one customer. Its record key (and
 * CloudEvents subject) is the experiment id, so one experiment's events stay in order on one partition.
 */
public interface ExperimentEvent extends CxEvent {

    String experimentId();

    /** Always null: an experiment event is about no one customer. */
    @Override
    default String customerId() {
        return null;
    }

    /** The experiment id: the record key on {@link Topics#EXPERIMENTS}. */
    @Override
    default String key() {
        return experimentId();
    }
}
