package io.salespulse.dashboard.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Form login, split in two so the sign-in form gets the same CSRF protection as every other form: the POST itself
 * is an ordinary REST endpoint ({@link LoginResource}, checked by quarkus-rest-csrf) that starts the session, and
 * this mechanism only restores the session from its cookie and, when there is none, sends browsers to the sign-in
 * page and API clients a plain 401.
 */
@ApplicationScoped
public class SessionCookieMechanism implements HttpAuthenticationMechanism {

    @Inject
    Sessions sessions;

    @Inject
    SessionRevocations revocations;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Sessions.Restored restored = sessions.restore(context);
        if (restored == null) {
            return Uni.createFrom().nullItem();
        }
        String id = restored.session().id();
        Boolean known = revocations.cached(id);
        Uni<Boolean> revoked = known != null ? Uni.createFrom().item(known)
                : Uni.createFrom().item(() -> revocations.isRevoked(id)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return revoked.onItem().transformToUni(signedOut -> {
            if (signedOut) {
                // a signed-out session is no session: the request goes on anonymous (401 or the sign-in page)
                return Uni.createFrom().<SecurityIdentity>nullItem();
            }
            return identityProviderManager
                    .authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                            new TrustedAuthenticationRequest(restored.session().user()), context))
                    .onItem().invoke(identity -> sessions.renew(restored.session(), context, restored.cookie()));
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith("/api/") || !"GET".equals(context.request().method().name())) {
            return Uni.createFrom().item(new ChallengeData(401));
        }
        String next = URLEncoder.encode(context.request().uri(), StandardCharsets.UTF_8);
        return Uni.createFrom().item(new ChallengeData(302, "Location", "/login?next=" + next));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TrustedAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, Sessions.COOKIE));
    }
}
