package io.cxvalue.scoring;

import java.time.Instant;
import java.util.List;

/**
 * What data a CLV fit or a scoring run saw, measured when it started: per topic it reads, the latest event scoring had
 * applied and how many events of the topic were still waiting to be applied (the consumer group's lag), so that an
 * analyst never fits silently on half-applied data.
 */
public record DataCoverage(Instant measuredAt, List<Topic> topics) {

    /**
     * One topic. {@code latestEventId} and {@code latestAppliedAt} are null when no event of it was applied yet;
     * {@code lag} is null when Kafka could not say in time (the fit goes on; the answer says it is unknown).
     */
    public record Topic(String topic, String latestEventId, Instant latestAppliedAt, Long lag) {
    }
}
