package io.cxvalue.scoring.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.cxvalue.scoring.config.ScoringConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Identities of bearer tokens this service has verified, by the token's exact text. The agent desktop sends the
 * same token with every request for the token's whole life, and verifying it in full (two JSON parses of the
 * claims, one of the header, an RSA signature check) allocates about 100 KB: at the caller card's 2,000 requests a
 * second that alone sets how often the heap is collected, and so the card's p99. A token's text is the credential
 * itself, so an entry can only ever be found by presenting the very token that was verified.
 * <p>
 * An entry lives until the token expires or {@code cx.scoring.token-cache.max-age} passes, whichever comes first;
 * only tokens that passed verification are ever stored ({@link VerifiedTokenRecorder}). This service takes plain
 * bearer tokens from one provider (no DPoP proof, introspection or user info, which would have to be checked per
 * request).
 */
@ApplicationScoped
public class VerifiedTokenCache {

    /** Set on an identity answered from this cache, so that it is not stored again. */
    static final String FROM_CACHE = "cx.verified-token-cache";

    private final Cache<String, SecurityIdentity> identities;

    public VerifiedTokenCache(ScoringConfig config, MeterRegistry registry) {
        ScoringConfig.TokenCache settings = config.tokenCache();
        if (settings.maxSize() < 0 || settings.maxAge().isNegative() || settings.maxAge().isZero()) {
            throw new IllegalArgumentException("cx.scoring.token-cache: max-size must be >= 0 and max-age positive, "
                    + "got " + settings.maxSize() + " and " + settings.maxAge());
        }
        if (settings.maxSize() == 0) {
            identities = null;
            return;
        }
        identities = Caffeine.newBuilder()
                .maximumSize(settings.maxSize())
                .expireAfter(new UntilTokenExpiry(settings.maxAge()))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, identities, "verified-tokens");
    }

    /** The identity the given token was verified as, or null if it has not been verified here or has expired. */
    public SecurityIdentity find(String token) {
        if (identities == null) {
            return null;
        }
        SecurityIdentity identity = identities.getIfPresent(token);
        // Caffeine drops expired entries on read too; this re-check keeps a token from outliving its exp even if the
        // ticker and the wall clock drift apart.
        if (identity != null && millisLeft(identity) <= 0) {
            identities.invalidate(token);
            return null;
        }
        return identity;
    }

    /**
     * Remembers an identity a provider has just verified. Only quarkus-oidc's kind is stored: a JWT principal, and
     * roles and permissions as plain sets (no permission checker that could depend on the request).
     */
    public void remember(SecurityIdentity identity) {
        if (identities == null || identity.getAttribute(FROM_CACHE) != null
                || !(identity instanceof QuarkusSecurityIdentity verified)
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getRawToken() == null
                || millisLeft(identity) <= 0) {
            return;
        }
        identities.put(jwt.getRawToken(), detached(verified));
    }

    /** A copy without the attributes that hold the request it was verified in, which must not be kept alive. */
    private static SecurityIdentity detached(QuarkusSecurityIdentity verified) {
        Map<String, Object> attributes = new HashMap<>(verified.getAttributes());
        attributes.remove(RoutingContext.class.getName());
        attributes.remove(AuthenticationRequestContext.class.getName());
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(verified.getPrincipal())
                .addCredentials(verified.getCredentials())
                .addRoles(verified.getRoles())
                .addPermissions(verified.getPermissions())
                .addAttributes(attributes)
                .build();
    }

    /** Requests answered from the cache since start. */
    public long hits() {
        return identities == null ? 0 : identities.stats().hitCount();
    }

    /** Milliseconds until the identity's token expires; Long.MAX_VALUE for a token without exp (max-age bounds it). */
    private static long millisLeft(SecurityIdentity identity) {
        long exp = ((JsonWebToken) identity.getPrincipal()).getExpirationTime();
        return exp <= 0 ? Long.MAX_VALUE : exp * 1000 - System.currentTimeMillis();
    }

    /** Each entry expires with its token, or after max-age if that comes first. */
    private static final class UntilTokenExpiry implements Expiry<String, SecurityIdentity> {

        private final long maxAgeNanos;

        UntilTokenExpiry(Duration maxAge) {
            this.maxAgeNanos = maxAge.toNanos();
        }

        @Override
        public long expireAfterCreate(String token, SecurityIdentity identity, long currentTime) {
            // toNanos saturates at Long.MAX_VALUE for a token without exp, so max-age applies.
            return Math.max(0, Math.min(maxAgeNanos, TimeUnit.MILLISECONDS.toNanos(millisLeft(identity))));
        }

        @Override
        public long expireAfterUpdate(String token, SecurityIdentity identity, long currentTime,
                long currentDuration) {
            return expireAfterCreate(token, identity, currentTime);
        }

        @Override
        public long expireAfterRead(String token, SecurityIdentity identity, long currentTime,
                long currentDuration) {
            return currentDuration;
        }
    }
}
