package io.salespulse.dashboard.security;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.salespulse.dashboard.web.Templates;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Sign-in and sign-out. Both POSTs are HTML forms carrying a CSRF token that quarkus-rest-csrf checks against its
 * cookie before these methods run.
 */
@Path("/")
@Tag(name = "Session")
public class LoginResource {

    private static final Logger LOG = Logger.getLogger(LoginResource.class);

    @Inject
    IdentityProviderManager identities;

    @Inject
    Sessions sessions;

    @Inject
    SecurityIdentity identity;

    @Inject
    RoutingContext routing;

    @Inject
    LoginThrottle throttle;

    @Inject
    ClientAddress clientAddress;

    @Inject
    PasswordCheckSlots slots;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The sign-in page")
    public Response page(@RestQuery String next, @RestQuery String error, @RestQuery("signed-out") String signedOut) {
        String target = safeNext(next);
        if (!identity.isAnonymous()) {
            return seeOther(target);
        }
        TemplateInstance page = Templates.login(target, error != null, signedOut != null, 0);
        return Response.ok(page).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign in (HTML form with csrf-token, username, password, next)")
    public Response signIn(@RestForm String username, @RestForm String password, @RestForm String next) {
        String target = safeNext(next);
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return failed(target);
        }
        String name = username.strip();
        String address = clientAddress.of(routing);
        Optional<Duration> locked = throttle.lockedFor(name, address);
        if (locked.isPresent()) {
            LOG.infof("sign-in refused: too many failures for this user name or from %s", address);
            return tooMany(target, locked.get());
        }
        if (!slots.acquire()) {
            LOG.warn("sign-in refused: every password check slot is busy");
            return tooMany(target, Duration.ofSeconds(5));
        }
        try {
            SecurityIdentity signedIn = identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(
                    name, new PasswordCredential(password.toCharArray())));
            throttle.succeeded(name);
            sessions.start(signedIn, routing);
            LOG.infof("user %s signed in", signedIn.getPrincipal().getName());
            return seeOther(target);
        } catch (AuthenticationFailedException e) {
            throttle.failed(name, address);
            LOG.infof("failed sign-in for user name of length %d from %s", username.length(), address);
            return failed(target);
        } finally {
            slots.release();
        }
    }

    /** 429 with the sign-in page saying when to try again. */
    private static Response tooMany(String target, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return Response.status(429).entity(Templates.login(target, false, false, (seconds + 59) / 60))
                .type(MediaType.TEXT_HTML_TYPE).header("Retry-After", String.valueOf(seconds))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign out (HTML form with csrf-token)")
    public Response signOut() {
        sessions.end(routing);
        return seeOther("/login?signed-out=1");
    }

    private static Response failed(String target) {
        return seeOther("/login?error=1&next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).header("Cache-Control", "no-store").build();
    }

    /** Only a local path may be the place to return to after signing in, never another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/login") || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }
}
