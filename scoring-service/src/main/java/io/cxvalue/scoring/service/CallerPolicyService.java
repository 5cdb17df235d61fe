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

    private final CallerPolicyRepository repository;
    private final Clock clock;
    private final PolicySettings defaults;
    private final StaleWhileRefresh<Current> forCards;

    public CallerPolicyService(CallerPolicyRepository repository, Clock clock, ScoringConfig config) {
        this.repository = repository;
        this.clock = clock;
        ScoringConfig.CallerPolicy p = config.callerPolicy();
        this.defaults = PolicySettings.of(p.highValueTiers(), p.lowValueTiers(), p.takeTimeChurnRisks(),
                p.negativeSentimentBelow(), p.cxAvoidBelow(),
                Math.max(1, config.customerState().repeatWindow().toDays()), null);
        this.forCards = new StaleWhileRefresh<>("caller policy", CACHE_FOR, this::current);
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
                            defaults.repeatWindowDays(), row.crossSellEvidence()), true, row.updatedAt(),
                            row.updatedBy());
            return current;
        });
    }

    /**
     * The settings in force for the caller card: this instance's copy, read again in the background once it is
     * {@link #CACHE_FOR} old (the card is fetched for every call; the policy changes rarely). An update on this
     * instance applies at once; one made on another instance within about {@link #CACHE_FOR}.
     */
    public Uni<Current> currentForCards() {
        return forCards.get();
    }

    /** Stores the settings (already validated) as the ones in force. */
    @WithTransaction
    public Uni<Current> update(PolicySettings settings, String user) {
        Instant now = clock.instant();
        return repository.save(new CallerPolicyRepository.Row(settings.highValueTiers().stream().sorted().toList(),
                        settings.lowValueTiers().stream().sorted().toList(),
                        settings.takeTimeChurnRisks().stream().sorted().toList(),
                        settings.negativeSentimentBelow(), settings.cxAvoidBelow(), settings.crossSellEvidence(),
                        now, user))
                .map(n -> new Current(settings, true, now, user))
                .invoke(current -> forCards.invalidate());
    }

    /** Forgets the stored settings: the configured defaults apply again. */
    @WithTransaction
    public Uni<Current> reset() {
        return repository.delete().map(n -> new Current(defaults, false, null, null))
                .invoke(current -> forCards.invalidate());
    }
}
