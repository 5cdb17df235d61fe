package io.cxvalue.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.time.ZoneId;

/** Scoring settings ({@code cx.scoring.*}). */
@ConfigMapping(prefix = "cx.scoring")
public interface ScoringConfig {

    /** How the outbox relay publishes the events stored in the outbox. */
    Outbox outbox();

    /** The rules of the per-customer state (contact history, transaction days). */
    CustomerState customerState();

    /** Lifetime value: scoring horizon, discounting, value tiers, churn bands and the nightly fit. */
    Clv clv();

    /** The inferred-CX model: training settings, how often the active model is re-read, what a CX change is. */
    Cx cx();

    /** What moves customer value: which contact experiences count, and the analysis' limits. */
    ValueDrivers valueDrivers();

    /** The region a phone number without a country code is read in (ISO 3166 code, e.g. GB): the caller lookup. */
    @WithDefault("GB")
    String phoneRegion();

    /** The caller card's recommendation policy (rules in {@link io.cxvalue.scoring.CallerPolicy}). */
    CallerPolicy callerPolicy();

    /** Bearer tokens already verified, answered without verifying them again ({@code VerifiedTokenCache}). */
    TokenCache tokenCache();

    interface TokenCache {

        /** Most tokens remembered (least recently used go first); 0 verifies every request's token in full. */
        @WithDefault("10000")
        int maxSize();

        /**
         * Longest a verified token is trusted without being verified again, and never past its own expiry. Bounds
         * how long a token signed with a key the identity provider has since withdrawn is still accepted.
         */
        @WithDefault("PT1M")
        Duration maxAge();
    }

    interface CallerPolicy {

        /** Value tiers that count as high value. */
        @WithDefault("HIGH,TOP")
        List<String> highValueTiers();

        /** Value tiers that count as low value (EFFICIENT handling when nothing else applies). */
        @WithDefault("LOW")
        List<String> lowValueTiers();

        /** Churn-risk bands that warrant TAKE_TIME. */
        @WithDefault("HIGH")
        List<String> takeTimeChurnRisks();

        /** A last sentiment below this (-1..1) avoids cross-selling. */
        @WithDefault("-0.3")
        double negativeSentimentBelow();

        /** A CX score (probability satisfied, 0..1) below this avoids cross-selling. */
        @WithDefault("0.5")
        double cxAvoidBelow();
    }

    interface Clv {

        /** The CLV horizon, from the model's calibration end; whole months (the event carries horizonMonths). */
        @WithDefault("P12M")
        Period horizon();

        /** Annual discount rate (0.1 = 10 % a year), applied monthly. */
        @WithDefault("0.1")
        double discountRate();

        /** Percentiles of the CLV distribution that separate the value tiers, strictly increasing in (0, 1). */
        @WithDefault("0.5,0.8,0.95")
        List<Double> tierPercentiles();

        /** Tier names from lowest to highest value: one more than the percentiles. */
        @WithDefault("LOW,MEDIUM,HIGH,TOP")
        List<String> tierNames();

        /**
         * Upper bounds on churn risk (1 - P(alive)) of the bands LOW and MEDIUM; HIGH above the second. Two values,
         * strictly increasing in (0, 1) (the event's churnRisk is one of LOW, MEDIUM, HIGH).
         */
        @WithDefault("0.3,0.7")
        List<Double> churnBounds();

        /**
         * A customer's CLV changed materially (a CustomerScored event is published) when it moved by more than this
         * fraction of the previous value and by more than {@link #minClvChange()}. A changed tier or churn band, or a
         * first score, always publishes.
         */
        @WithDefault("0.1")
        double clvChangeThreshold();

        /** The smallest absolute CLV change (currency units) that counts as material. */
        @WithDefault("1.0")
        double minClvChange();

        /** Fewest customers with a purchase in the calibration period a fit needs. */
        @WithDefault("20")
        int minCustomers();

        /** Customers scored (upserted, with their events) per transaction. */
        @WithDefault("500")
        int scoreChunkSize();

        /**
         * Customers whose transactions are read per query by the fit and the scoring run: they page through all
         * customers, so memory does not grow with the customer base beyond the fit's per-customer summaries.
         */
        @WithDefault("2000")
        int readPageSize();

        /** Cron of the scheduled fit and score (calibration end today, no holdout); "off" disables it. */
        @WithDefault("0 30 2 * * ?")
        String schedule();

        /** The time unit of the scheduled fit. */
        @WithDefault("WEEKS")
        io.cxvalue.scoring.model.clv.TimeUnit scheduleTimeUnit();
    }

    interface Cx {

        /** Satisfied means a CSAT answer (1..5) of at least this. */
        @WithDefault("4")
        int satisfiedFrom();

        /** Share of respondent customers held out to evaluate a model on, in (0, 1). */
        @WithDefault("0.2")
        double holdoutFraction();

        /** L2 penalty on the standardised coefficients. */
        @WithDefault("1.0")
        double l2Penalty();

        /** Fewest respondents (interactions with a CSAT answer) a model is trained on. */
        @WithDefault("200")
        int minRespondents();

        /** Fewest satisfied and fewest not-satisfied respondents in the training part. */
        @WithDefault("20")
        int minPerClass();

        /**
         * How long an instance keeps using the active model it read before reading it again: a model trained on
         * another instance reaches this one within this time.
         */
        @WithDefault("PT1M")
        Duration modelRefresh();

        /**
         * A customer's CX score changed materially (a CustomerScored event is published) when its source changed or
         * its probability moved by more than this.
         */
        @WithDefault("0.1")
        double changeThreshold();

        /** Whether the scheduled run trains a new inferred-CX model before scoring. */
        @WithDefault("true")
        boolean trainOnSchedule();
    }

    interface ValueDrivers {

        /** A contact that queued at least this long had a long wait. */
        @WithDefault("PT3M")
        Duration longWait();

        /** A contact with a sentiment (-1..1) below this had negative sentiment. */
        @WithDefault("-0.3")
        double negativeSentimentBelow();

        /** A CSAT answer (1..5) at or below this is a low one. */
        @WithDefault("2")
        int lowCsatAtMost();

        /** Fewest customers an analysis needs. */
        @WithDefault("200")
        int minCustomers();

        /** Fewest customers who bought again, and who did not. */
        @WithDefault("20")
        int minPerClass();

        /** Fewest customers with (and without) an experience, or at a channel, reason or tier level. */
        @WithDefault("20")
        int minAffected();

        /** Contact reasons with their own coefficient, most frequent first. */
        @WithDefault("8")
        int maxReasons();

        /**
         * Most customers the models are fitted on: beyond, a reproducible random sample of about this many (the
         * service holds them in memory; 50,000 gives intervals about as narrow as the drivers need).
         */
        @WithDefault("50000")
        int maxCustomers();

        /** The currency of amounts when no customer has a lifetime value yet. */
        @WithDefault("EUR")
        String currency();
    }

    interface CustomerState {

        /** The window the contact history looks at (at least 30 days: it counts the contacts of the last 30). */
        @WithDefault("P30D")
        Duration contactLookback();

        /** Two contacts about one reason within this window make a repeat caller (ARCHITECTURE.md: 7 days). */
        @WithDefault("P7D")
        Duration repeatWindow();

        /** The time zone of the business calendar: which day a transaction belongs to. */
        @WithDefault("UTC")
        ZoneId businessTimeZone();
    }

    interface Outbox {

        /** Whether this instance relays the outbox to Kafka. Several instances may relay at once (rows are claimed). */
        @WithDefault("true")
        boolean relayEnabled();

        /** Most events claimed, published and deleted in one relay transaction. */
        @WithDefault("200")
        int batchSize();

        /**
         * How often the relay looks for pending events. It is also woken right after each write, so this mainly
         * bounds how late events left by a failed round or a crashed instance go out.
         */
        @WithDefault("PT1S")
        Duration pollInterval();
    }
}
