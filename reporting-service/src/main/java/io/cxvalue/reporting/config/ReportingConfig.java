package io.cxvalue.reporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Settings of reporting-service under {@code cx.reporting}. */
@ConfigMapping(prefix = "cx.reporting")
public interface ReportingConfig {

    /** How contacts are counted into the KPIs. */
    Kpi kpi();

    /** When a gap between customers and quality reviewers is clear enough to coach on. */
    Coaching coaching();

    /** How traffic spikes are found and streamed. */
    Traffic traffic();

    /** How the cross-sell analysis counts cancellations. */
    CrossSell crossSell();

    /** What the centre's work costs, for the analyses that put money on it. */
    Costs costs();

    /** How the outbox relay publishes the events reporting emits (erasure confirmations). */
    Outbox outbox();

    /** How reporting recognises an erased customer's late facts without keeping the customer's id. */
    ErasedCustomers erasedCustomers();

    interface Kpi {

        /**
         * The time zones whose calendar days are pre-aggregated (the contact centre's own, and any other its
         * managers report in): daily, weekly and monthly KPIs in these zones read the rollups; in any other zone,
         * and in quarter hours or hours, they are computed from the contacts themselves (see {@link #maxRawDays}).
         */
        @WithDefault("UTC")
        List<ZoneId> timeZones();

        /** A contact answered within this queue time is answered in time (service level). */
        @WithDefault("20s")
        Duration serviceLevelThreshold();

        /** A contact starting within this time of the previous contact's start continues its issue. */
        @WithDefault("7d")
        Duration repeatWindow();

        /** Heap for rollup months kept decoded for queries, least recently used out, in megabytes. */
        @WithDefault("96")
        @Positive
        int cacheMegabytes();

        /** The longest period a query computed from the contacts themselves may cover, in days. */
        @WithDefault("31")
        @Positive
        int maxRawDays();
    }

    interface Traffic {

        /** Weeks of history the hour-of-week baseline is learned from, unless a request names another number. */
        @WithDefault("8")
        @Positive
        @Max(26)
        int historyWeeks();

        /**
         * A minute alerts when a count at least as high as the last 2, 5 or 15 minutes' has a probability below this
         * under the baseline (about one false alert per quarter of a busy centre at 1e-6, see docs/ARCHITECTURE.md).
         */
        @WithDefault("1e-6")
        double alpha();

        /** How long after its end a minute counts as closed and is streamed (contacts arrive a little late). */
        @WithDefault("10s")
        Duration minuteClosesAfter();

        /** How far back a new stream connection starts, unless it names {@code since} or a Last-Event-ID. */
        @WithDefault("60m")
        Duration streamReplay();
    }

    interface CrossSell {

        /** A sale cancelled or refunded within this time of its contact counts as cancelled (unless asked else). */
        @WithDefault("30d")
        Duration window();
    }

    interface Costs {

        /** What one handled contact costs the centre (agent time and overhead). */
        @WithDefault("6.0")
        @PositiveOrZero
        double perContact();

        /** What one minute of agent time costs. */
        @WithDefault("0.8")
        @PositiveOrZero
        double perAgentMinute();

        /** The currency of the costs (ISO 4217). */
        @WithDefault("EUR")
        String currency();
    }

    interface Coaching {

        /** Fewest "felt valued" answers an agent needs before their gap is ranked. */
        @WithDefault("30")
        @Positive
        int minAnswers();

        /** Fewest quality evaluations an agent needs before their gap is ranked. */
        @WithDefault("5")
        @Positive
        int minEvaluations();
    }

    interface Outbox {

        /** Largest batch the relay may send before it awaits the acks: the emitter buffers that many records. */
        int MAX_BATCH_SIZE = 1024;

        /** Whether this instance relays pending outbox events to Kafka. */
        @WithDefault("true")
        boolean relayEnabled();

        /**
         * How often the relay looks for pending events, as {@code @Scheduled(every)} reads it (e.g. {@code 1s}); it
         * is also woken right after each erasure is stored. Read by the scheduler from the property itself.
         */
        String pollInterval();

        /** Most outbox events published per relay batch. */
        @Positive
        @Max(MAX_BATCH_SIZE)
        int batchSize();
    }

    interface ErasedCustomers {

        /**
         * The secret key of the keyed hash that stands for an erased customer's id in the store (at least 32
         * characters; kept outside the store, e.g. a Kubernetes Secret). Changing it forgets which customers were
         * erased: their later facts would be filed under their id again.
         */
        @Size(min = 32)
        String key();
    }
}
