package io.cxvalue.reporting.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.reporting.service.EventBatch;
import io.cxvalue.reporting.service.KpiUpdateService;
import io.cxvalue.support.consumer.PollConsumers;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consumes what the KPIs are made of, a poll at a time on the shared skeleton ({@link PollConsumer}, consumer group
 * {@value #GROUP}): contacts, survey answers, quality evaluations, transactions and customer merges. One poll is
 * applied as one {@link EventBatch} (bulk writes), the contacts it changed are published by team to
 * {@code cx.reporting.cell-changes} (where {@link CellChangeConsumer} updates their KPI cells), and its progress per
 * partition is recorded for the freshness the answers show. The poll is acknowledged only once the changes are on the
 * topic: a crash before that applies and publishes it again (applying again changes nothing).
 */
@ApplicationScoped
public class KpiEventConsumer {

    static final String CHANNEL = "kpi-events";
    static final String GROUP = "reporting-service-kpis";

    private final KpiUpdateService kpis;
    private final MutinyEmitter<String> cellChanges;
    private final ObjectMapper json;
    private final PollProgressRecorder progressRecorder;
    private final PollConsumer poll;

    KpiEventConsumer(KpiUpdateService kpis, PollConsumers consumers, PollProgressRecorder progressRecorder,
            @Channel("cell-changes-out") MutinyEmitter<String> cellChanges, ObjectMapper json) {
        this.kpis = kpis;
        this.cellChanges = cellChanges;
        this.json = json;
        this.progressRecorder = progressRecorder;
        this.poll = consumers.of(KpiEventConsumer.class, GROUP, List.of(Topics.INTERACTIONS, Topics.FEEDBACK,
                Topics.QUALITY, Topics.TRANSACTIONS, Topics.CUSTOMERS));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        PollProgress progress = PollProgress.of(records);
        return poll.consume(records, record -> read(record, progress), this::apply)
                .chain(() -> progressRecorder.record(progress));
    }

    private static Optional<ReceivedEvent<CxEvent>> read(ConsumerRecord<String, String> record,
            PollProgress progress) {
        ReceivedEvent<CxEvent> event = EventReader.read(record);
        progress.passed(record, event.time());
        CxEvent payload = event.event();
        boolean used = payload instanceof InteractionRecorded || payload instanceof SurveyResponded
                || payload instanceof QualityEvaluated || payload instanceof TransactionRecorded
                || payload instanceof CustomersMerged;
        return used ? Optional.of(event) : Optional.empty();
    }

    private Uni<PollConsumer.Applied> apply(List<ReceivedEvent<CxEvent>> events) {
        EventBatch batch = EventBatch.empty();
        Instant eventsUpTo = null;
        for (ReceivedEvent<CxEvent> event : events) {
            CxEvent payload = event.event();
            if (payload instanceof InteractionRecorded interaction) {
                batch.interactions().add(interaction);
            } else if (payload instanceof SurveyResponded survey) {
                batch.surveys().add(survey);
            } else if (payload instanceof QualityEvaluated evaluation) {
                batch.evaluations().add(evaluation);
            } else if (payload instanceof TransactionRecorded transaction) {
                batch.transactions().add(transaction);
            } else if (payload instanceof CustomersMerged merge) {
                batch.merges().add(merge);
            }
            if (event.time() != null && (eventsUpTo == null || event.time().isAfter(eventsUpTo))) {
                eventsUpTo = event.time();
            }
        }
        Instant upTo = eventsUpTo;
        return kpis.apply(batch).call(result -> publish(result.changedByTeam(), upTo))
                .replaceWith(new PollConsumer.Applied(events.size(), 0));
    }

    /** Publishes the changed contacts by team; completes when the broker has them all. */
    private Uni<Void> publish(Map<String, Set<String>> byTeam, Instant eventsUpTo) {
        List<Uni<Void>> sends = new ArrayList<>();
        byTeam.forEach((team, ids) -> {
            List<String> all = List.copyOf(ids);
            for (int from = 0; from < all.size(); from += CellChange.MAX_IDS) {
                CellChange change = new CellChange(team,
                        all.subList(from, Math.min(all.size(), from + CellChange.MAX_IDS)), eventsUpTo);
                String value;
                try {
                    value = json.writeValueAsString(change);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a cell change always serializes", e);
                }
                sends.add(cellChanges.sendMessage(Message.of(value).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(team).build())));
            }
        });
        return sends.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
