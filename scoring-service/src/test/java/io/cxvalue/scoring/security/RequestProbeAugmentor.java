package io.cxvalue.scoring.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test only: for a request carrying {@value #HEADER}, records which request the identity's RoutingContext attribute
 * belongs to (that request's header value), so a test can see whether a cached identity points at the current
 * request.
 */
@ApplicationScoped
public class RequestProbeAugmentor implements SecurityIdentityAugmentor {

    static final String HEADER = "X-Test-Probe";
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        RoutingContext routing = identity.getAttribute(RoutingContext.class.getName());
        String probe = routing == null ? null : routing.request().getHeader(HEADER);
        if (probe != null) {
            SEEN.add(probe);
        }
        return Uni.createFrom().item(identity);
    }
}
