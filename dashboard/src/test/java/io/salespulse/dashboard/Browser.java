package io.salespulse.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in the way a browser does (GET the form, POST it back with its CSRF token) and reuses the session. */
public final class Browser {

    public static final String SESSION = "salespulse-session";
    public static final String CSRF = "salespulse-csrf";
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static String session;

    private Browser() {
    }

    /** The CSRF cookie and hidden-field token a GET of {@code page} hands out, given optional cookies. */
    public static String[] csrf(String page, String sessionCookie) {
        RequestSpecification request = given().redirects().follow(false);
        if (sessionCookie != null) {
            request.cookie(SESSION, sessionCookie);
        }
        Response form = request.get(page);
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher m = TOKEN.matcher(form.body().asString());
        assertThat(m.find()).as("a csrf-token field in " + page).isTrue();
        return new String[] {form.cookie(CSRF), m.group(1)};
    }

    public static Response signIn(String user, String password) {
        String[] csrf = csrf("/login", null);
        return given().redirects().follow(false)
                .cookie(CSRF, csrf[0])
                .formParam("csrf-token", csrf[1])
                .formParam("username", user)
                .formParam("password", password)
                .formParam("next", "/")
                .post("/login");
    }

    public static synchronized String session() {
        if (session == null) {
            Response r = signIn(MariaDbTestResource.USER, MariaDbTestResource.PASSWORD);
            assertThat(r.statusCode()).isEqualTo(303);
            session = r.cookie(SESSION);
            assertThat(session).isNotBlank();
        }
        return session;
    }

    /** A request carrying the signed-in session. */
    public static RequestSpecification signedIn() {
        return given().urlEncodingEnabled(false).redirects().follow(false).cookie(SESSION, session());
    }
}
