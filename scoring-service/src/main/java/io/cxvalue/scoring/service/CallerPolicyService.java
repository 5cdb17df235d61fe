package io.cxvalue.scoring.service;

import io.cxvalue.scoring.PolicySettings;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.repository.CallerPolicyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The caller card's policy settings: the ones analysts stored ({@code caller_policy}) when present, else the
 * configured defaults ({@code cx.scoring.caller-policy.*}). The repeat window always comes from the configuration
 * (it is the contact history's rule, not the policy's).
 */
@ApplicationScoped
public class CallerPolicyService {

    /** The settings in force and where they come from. */
    public record Current(PolicySettings settings, boolean stored, Instant updatedAt, String updatedBy) {
    }

    /** How long an instance's copy of the settings serves the caller card. */
    static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private record Cached(Current current, long readAtNanos) {
    }

    private final CallerPolicyRepository repository;
    private final Clock clock;
    private final PolicySettings defaults;
    private volatile Cached cached;

    public CallerPolicyService(CallerPolicyRepository repository, Clock clock, ScoringConfig config) {
        this.repository = repository;
        this.clock = clock;
        ScoringConfig.CallerPolicy p = config.callerPolicy();
        this.defaults = PolicySettings.of(p.highValueTiers(), p.lowValueTiers(), p.takeTimeChurnRisks(),
                p.negativeSentimentBelow(), p.cxAvoidBelow(),
                Math.max(1, config.customerState().repeatWindow().toDays()));
    }

    /** The configured defaults. */
    public PolicySettings defaults() {
        return defaults;
    }

    /** The settings in force, read from the store. */
    @WithSession
    public Uni<Current> current() {
        return repository.find().map(row -> {
            Current current = row == null
                    ? new Current(defaults, false, null, null)
                    : new Current(PolicySettings.of(row.highValueTiers(), row.lowValueTiers(),
                            row.takeTimeChurnRisks(), row.negativeSentimentBelow(), row.cxAvoidBelow(),
                            defaults.repeatWindowDays()), true, row.updatedAt(), row.updatedBy());
            cached = new Cached(current, System.nanoTime());
            return current;
        });
    }

    /**
     * The settings in force for the caller card: this instance's copy when it was read less than
     * {@link #CACHE_FOR} ago (the card is fetched for every call; the policy changes rarely), else read again. An
     * update on this instance applies at once; one made on another instance within {@link #CACHE_FOR}.
     */
    public Uni<Current> currentForCards() {
        Cached c = cached;
        if (c != null && System.nanoTime() - c.readAtNanos() < CACHE_FOR.toNanos()) {
            return Uni.createFrom().item(c.current());
        }
        return current();
    }

    /** Stores the settings (already validated) as the ones in force. */
    @WithTransaction
    public Uni<Current> update(PolicySettings settings, String user) {
        Instant now = clock.instant();
        return repository.save(new CallerPolicyRepository.Row(settings.highValueTiers().stream().sorted().toList(),
                        settings.lowValueTiers().stream().sorted().toList(),
                        settings.takeTimeChurnRisks().stream().sorted().toList(),
                        settings.negativeSentimentBelow(), settings.cxAvoidBelow(), now, user))
                .map(n -> new Current(settings, true, now, user))
                .invoke(current -> cached = null);
    }

    /** Forgets the stored settings: the configured defaults apply again. */
    @WithTransaction
    public Uni<Current> reset() {
        return repository.delete().map(n -> new Current(defaults, false, null, null))
                .invoke(current -> cached = null);
    }
}
