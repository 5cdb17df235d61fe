package io.cxvalue.scoring.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token this service has already verified from {@link VerifiedTokenCache}. It runs ahead of
 * quarkus-oidc's provider; when the token is not in the cache it answers nothing and quarkus-oidc verifies the token
 * in full, as it would without this class.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** quarkus-oidc's provider has the default priority, SYSTEM_FIRST + 1; higher runs first. */
    private static final int AHEAD_OF_OIDC = SYSTEM_FIRST + 100;

    private final VerifiedTokenCache cache;

    public CachedTokenIdentityProvider(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return AHEAD_OF_OIDC;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        SecurityIdentity verified = cache.find(request.getToken().getToken());
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        // The stored identity still points at the request it was verified in; point it at this one, as
        // quarkus-oidc does for every identity it builds.
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(verified)
                .addAttribute(VerifiedTokenCache.FROM_CACHE, Boolean.TRUE)
                .addAttribute(AuthenticationRequestContext.class.getName(), context);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            routing.put(AuthenticationRequestContext.class.getName(), context);
            identity.addAttribute(RoutingContext.class.getName(), routing);
        }
        return Uni.createFrom().item(identity.build());
    }
}
