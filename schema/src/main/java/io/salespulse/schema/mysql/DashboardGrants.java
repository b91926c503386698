package io.salespulse.schema.mysql;

import java.util.regex.Pattern;

/**
 * The dashboard's own MySQL user: it reads the aggregates and writes only what it owns (the sign-out list). The one
 * place the grants are written down; the local run and the tests apply them as the database administrator, and
 * docs/operator.md shows them for a cluster's database.
 */
public final class DashboardGrants {

    public static final String DEFAULT_USER = "salespulse_dashboard";
    /** The tables the dashboard writes (everything else it only reads). */
    public static final String OWNED_TABLE = "dashboard_session_revocations";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$-]{1,64}");

    private DashboardGrants() {
    }

    /**
     * SQL (statements ending in ';') that creates {@code user} reachable from any host, or resets its password, and
     * grants SELECT on {@code database} and INSERT, DELETE on the dashboard's own table. Run it after the migrations
     * (a table-level grant needs the table).
     */
    public static String sql(String database, String user, String password) {
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("database name '" + database + "' must be 1-64 letters, digits, _ $ or -");
        }
        if (!NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("dashboard user name '" + user + "' must be a letter followed by up to 31 "
                    + "letters, digits or _");
        }
        String account = "'" + user + "'@'%'";
        String secret = "'" + password.replace("\\", "\\\\").replace("'", "''") + "'";
        return "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + secret + ";\n"
                + "ALTER USER " + account + " IDENTIFIED BY " + secret + ";\n"
                + "GRANT SELECT ON `" + database + "`.* TO " + account + ";\n"
                + "GRANT INSERT, DELETE ON `" + database + "`.`" + OWNED_TABLE + "` TO " + account + ";\n";
    }
}
