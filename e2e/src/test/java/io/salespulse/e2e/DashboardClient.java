package io.salespulse.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in to a dashboard the way a browser does (CSRF cookie + field, form post) and reads its JSON API. */
final class DashboardClient {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String session;

    DashboardClient(String base) {
        this.base = base;
    }

    void signIn(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = http.send(get("/login").build(), HttpResponse.BodyHandlers.ofString());
        check(form, 200);
        Matcher m = TOKEN.matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no csrf-token field on " + base + "/login");
        }
        String csrfCookie = cookie(form, "salespulse-csrf");
        String body = "csrf-token=" + enc(m.group(1)) + "&username=" + enc(user) + "&password=" + enc(password);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .timeout(Duration.ofSeconds(10)).header("Cookie", "salespulse-csrf=" + csrfCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 && signedIn.statusCode() != 303) {
            check(signedIn, 303); // a redirect to the dashboard means signed in
        }
        session = cookie(signedIn, "salespulse-session");
    }

    /** GET of an API path with the session; returns the body of a 200. */
    String api(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(get(pathAndQuery).header("Cookie", "salespulse-session=" + session)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        check(r, 200);
        return r.body();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
    }

    private static void check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode()
                    + " (wanted " + status + "): " + r.body());
        }
    }

    private static String cookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + name + " cookie from " + r.uri()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
