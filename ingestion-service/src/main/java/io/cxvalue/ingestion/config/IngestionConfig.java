package io.cxvalue.ingestion.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Ingestion settings ({@code cx.ingestion.*}). */
@ConfigMapping(prefix = "cx.ingestion")
public interface IngestionConfig {

    /** The one currency amounts may be reported in (ISO 4217); anything else is rejected, not converted. */
    @WithDefault("EUR")
    String currency();

    /** ISO 3166 region in which phone numbers written without a country code are read. */
    @WithDefault("GB")
    String phoneRegion();

    /** How far in the future a timestamp may lie before it is rejected (clock skew between systems). */
    @WithDefault("PT5M")
    Duration futureTolerance();

    Outbox outbox();

    Batch batch();

    Limits limits();

    Imports imports();

    /** Bulk imports of CSV and NDJSON files. */
    interface Imports {

        /** Where uploaded files wait while their job runs (a volume of the pod in Kubernetes). */
        @WithDefault("${java.io.tmpdir}/cx-imports")
        String directory();

        /** Records stored per bulk write while importing. */
        @WithDefault("1000")
        int chunkSize();

        /** Longest line (NDJSON record or CSV row) read; a longer one is rejected without being held in memory. */
        @WithDefault("1M")
        MemorySize maxLineLength();

        /** Rejected records kept with their reasons on a job (the counts are always complete). */
        @WithDefault("1000")
        int keptRejections();
    }

    /** Body limits per kind of endpoint; quarkus.http.limits.max-body-size must admit the largest import file. */
    interface Limits {

        /** Largest body of a single record. */
        @WithDefault("1M")
        MemorySize recordBody();

        /** Largest body of a batch. */
        @WithDefault("16M")
        MemorySize batchBody();
    }

    interface Batch {

        /** Most records one batch request may hold (JSON array elements or NDJSON lines). */
        @WithDefault("1000")
        int maxRecords();
    }

    interface Outbox {

        /** Whether this instance relays the outbox to Kafka (at most one instance relays at a time, by lease). */
        @WithDefault("true")
        boolean relayEnabled();

        /** How often the relay looks for pending events (it is also woken by every accepted record). */
        @WithDefault("1s")
        String pollInterval();

        /** Most outbox entries published per relay round. */
        @WithDefault("1000")
        int batchSize();

        /**
         * How long the relay leaves the events of new records to the writer that stored them (the fast path) before
         * it publishes them itself: the longest a crash or a broker outage delays them.
         */
        @WithDefault("PT10S")
        Duration fastPathGrace();

        /**
         * Most events the fast path has in flight; past that, writers leave their events to the relay. With the
         * relay's batch it must stay below the outbox channel's buffer (65,536 messages).
         */
        @WithDefault("50000")
        int fastPathMaxInFlight();

        /** How long a relay's lease lasts without renewal; another instance takes over after it expires. */
        @WithDefault("PT15S")
        Duration leaseDuration();
    }
}
