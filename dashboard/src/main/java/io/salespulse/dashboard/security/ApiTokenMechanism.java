package io.salespulse.dashboard.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} for scripts and BI tools: only on GET (and HEAD) under /api/v1/, so a token
 * can read panels, CSV and the live stream but not sign out, load pages or change anything. Anywhere else the header
 * is ignored. A wrong token is refused (401), not treated as anonymous.
 */
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    private static final String PREFIX = "Bearer ";

    @Inject
    ApiTokens tokens;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || !readOnlyApi(context)) {
            return Uni.createFrom().nullItem();
        }
        return tokens.nameOf(header.substring(PREFIX.length()).strip())
                .map(name -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("token:" + name))
                        .addRole(ApiTokens.ROLE)
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown API token")));
    }

    private static boolean readOnlyApi(RoutingContext context) {
        HttpMethod method = context.request().method();
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && context.normalizedPath().startsWith("/api/v1/");
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        // identities are made here, but Quarkus keeps only mechanisms whose request type has a provider
        return Set.of(TrustedAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    /** Below the session cookie, so the cookie's challenge (sign-in page or 401) is the one sent. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 100;
    }
}
