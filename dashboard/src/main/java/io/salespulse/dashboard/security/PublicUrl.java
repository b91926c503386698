package io.salespulse.dashboard.security;

import io.salespulse.dashboard.config.DashboardConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;

/** When users reach the dashboard over https, browsers are told to keep to https (HSTS) on every response. */
@ApplicationScoped
public class PublicUrl {

    static final String HSTS = "max-age=31536000";

    @Inject
    DashboardConfig config;

    static boolean isHttps(DashboardConfig config) {
        return config.publicUrl().map(u -> u.strip().toLowerCase(Locale.ROOT).startsWith("https://")).orElse(false);
    }

    void addHsts(@Observes Router router) {
        if (isHttps(config)) {
            router.route().order(Integer.MIN_VALUE).handler(routing -> {
                routing.response().headers().set("Strict-Transport-Security", HSTS);
                routing.next();
            });
        }
    }
}
