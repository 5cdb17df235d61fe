package io.cxvalue.benchmarks;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.OutboxEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends events straight to their topics as the services' outboxes do (CloudEvents headers, record key from the event,
 * the outbox producer's settings), counting the acknowledged ones; {@link #close} flushes and rethrows the first send
 * failure.
 */
final class EventProducer implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String source;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failed = new AtomicReference<>();

    EventProducer(String bootstrap, String source) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        KafkaBaseline.OUTBOX_PRODUCER.forEach(p::put);
        this.producer = new KafkaProducer<>(p);
        this.source = source;
    }

    void send(CxEvent event) {
        OutboxEvent record = OutboxEvent.of(event, Instant.now(), 0);
        producer.send(new ProducerRecord<>(record.type().topic(), null, record.key(), record.payload(),
                record.headers(source)), (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    } else {
                        sent.incrementAndGet();
                    }
                });
    }

    /** Events acknowledged by the broker so far. */
    long sent() {
        return sent.get();
    }

    @Override
    public void close() throws Exception {
        producer.flush();
        producer.close();
        if (failed.get() != null) {
            throw failed.get();
        }
    }
}
