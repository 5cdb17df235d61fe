package io.cxvalue.reporting.messaging;

import com.mongodb.MongoException;
import io.cxvalue.contracts.consumer.StoreRetries;
import io.cxvalue.reporting.repository.ProgressRepository;
import io.cxvalue.support.consumer.ConsumerRetryConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;


/**
 * Records where a poll left its partitions ({@link PollProgress}) once it is done: the freshness of the answers.
 */
@ApplicationScoped
public class PollProgressRecorder {

    private static final Logger LOG = Logger.getLogger(PollProgressRecorder.class);

    private final ConsumerRetryConfig retry;
    private final ProgressRepository progress;

    PollProgressRecorder(ConsumerRetryConfig retry, ProgressRepository progress) {
        this.retry = retry;
        this.progress = progress;
    }

    /**
     * Records where a poll left its partitions, waiting for the store like an apply does. A failure beyond that is
     * logged and dropped: the progress only dates the answers, and the next poll records it again.
     */
    Uni<Void> record(PollProgress poll) {
        return StoreRetries.withRetry(Uni.createFrom().deferred(() -> progress.record(poll.positions())),
                        retry.policy(), failure -> failure instanceof MongoException, null)
                .onFailure(failure -> !(failure instanceof VirtualMachineError))
                .recoverWithItem(failure -> {
                    LOG.warnf("Could not record the progress of a poll: %s", failure.toString());
                    return null;
                });
    }
}
