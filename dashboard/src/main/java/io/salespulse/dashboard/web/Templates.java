package io.salespulse.dashboard.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The two server-rendered pages (templates/login.html, templates/dashboard.html); Qute escapes every value. */
@CheckedTemplate
public final class Templates {

    private Templates() {
    }

    public static native TemplateInstance login(String next, boolean failed, boolean signedOut, long retryMinutes);

    public static native TemplateInstance dashboard(DashboardView view);
}
