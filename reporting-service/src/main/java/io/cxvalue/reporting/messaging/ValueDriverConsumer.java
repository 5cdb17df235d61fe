package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.consumer.StoreRetries;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.events.ValueDriversAnalysed;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.repository.ValueDriverRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Consumes {@code cx.value-drivers} (consumer group {@code reporting-service}): keeps each analysis of what moves
 * customer value that scoring-service ran ({@link ValueDriverRepository}, one document per analysis, so a redelivery
 * writes the same again), for the customer side of a process change's return. A few records a month: one at a time.
 * A record that contracts' {@link EventReader} rejects, or whose write keeps failing after the {@link StoreRetries}
 * budget, is parked on {@code cx.value-drivers.dlq.reporting-service}; consumption goes on.
 */
@ApplicationScoped
public class ValueDriverConsumer {

    static final String CHANNEL = "value-drivers";
    static final String METRIC = "cx.reporting.value-drivers";

    private static final Logger LOG = Logger.getLogger(ValueDriverConsumer.class);

    private final ValueDriverRepository analyses;
    private final ReportingConfig.StoreRetry storeRetry;
    private final Counter kept;
    private final Counter rejected;
    private final Counter failed;

    ValueDriverConsumer(ValueDriverRepository analyses, ReportingConfig config, MeterRegistry registry) {
        this.analyses = analyses;
        this.storeRetry = config.storeRetry();
        this.kept = counter(registry, "kept", "Analyses of what moves customer value kept");
        this.rejected = counter(registry, "rejected", "Malformed analyses sent to the dead-letter topic");
        this.failed = counter(registry, "failed", "Analyses dead-lettered because they could not be stored");
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent<ValueDriversAnalysed>> read;
        try {
            read = EventReader.read(record, ValueDriversAnalysed.class);
        } catch (MalformedEventException e) {
            rejected.increment();
            LOG.warnf("Rejecting %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ValueDriversAnalysed analysis = read.get().event();
        return StoreRetries.withRetry(analyses.keep(analysis), storeRetry.policy(),
                        ReportingConfig.StoreRetry::isStoreFailure, null)
                .invoke(() -> kept.increment())
                .onFailure().invoke(failure -> {
                    failed.increment();
                    LOG.errorf(failure, "Could not keep value-driver analysis %s; dead-lettering it",
                            analysis.analysisId());
                });
    }

    private static Counter counter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder(METRIC).tag("outcome", outcome).description(description).register(registry);
    }
}
