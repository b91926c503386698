package io.salespulse.operator.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * spec.mysql.jdbcUrl taken apart into hosts, database and an allow-list of parameters, and rebuilt: the operator and
 * the pods never hand a user's free text to Connector/J. Connector/J reads driver properties in the query and in the
 * host part ({@code (host=h,allowLoadLocalInfile=true)}, {@code address=(...)}, {@code user:pw@host}); a rogue
 * server with {@code allowLoadLocalInfile} reads the client's files (the operator's ServiceAccount token), so only
 * plain {@code host[:port]} is accepted and local-infile is forced off.
 */
public record MysqlJdbcUrl(String scheme, List<String> hosts, String database, Map<String, String> parameters) {

    public static final String FIELD = "spec.mysql.jdbcUrl";

    /** Parameters a user may set, with what their values may look like. Everything else is refused. */
    private static final Map<String, Pattern> ALLOWED = Map.ofEntries(
            Map.entry("connectTimeout", Pattern.compile("[0-9]{1,9}")),
            Map.entry("socketTimeout", Pattern.compile("[0-9]{1,9}")),
            Map.entry("sslMode", Pattern.compile("DISABLED|PREFERRED|REQUIRED|VERIFY_CA|VERIFY_IDENTITY")),
            Map.entry("allowPublicKeyRetrieval", Pattern.compile("true|false")),
            Map.entry("tcpKeepAlive", Pattern.compile("true|false")),
            Map.entry("useCompression", Pattern.compile("true|false")),
            Map.entry("characterEncoding", Pattern.compile("[A-Za-z0-9_-]{1,32}")),
            Map.entry("connectionTimeZone", Pattern.compile("[A-Za-z0-9_/+-]{1,64}")));
    /** Named separately so the refusal says why. */
    private static final Set<String> DANGEROUS = Set.of("allowloadlocalinfile", "allowurlinlocalinfile",
            "allowloadlocalinfileinpath", "autodeserialize", "queryinterceptors", "exceptioninterceptors",
            "connectionlifecycleinterceptors", "socketfactory", "propertiestransform", "trustcertificatekeystoreurl",
            "clientcertificatekeystoreurl", "serverrsapublickeyfile", "user", "password");
    /** Forced on every URL the operator builds, after the user's parameters. */
    private static final List<String> FORCED_OFF = List.of("allowLoadLocalInfile", "allowUrlInLocalInfile");

    private static final Pattern PREFIX = Pattern.compile("^jdbc:(mysql|mariadb)://");
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])"
            + "(:([0-9]{1,5}))?");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$-]{1,64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z]{1,64}");

    public MysqlJdbcUrl {
        hosts = List.copyOf(hosts);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses {@code url}; an {@link IllegalArgumentException} names {@link #FIELD} and the offending part. */
    public static MysqlJdbcUrl parse(String url) {
        if (url == null) {
            throw invalid("missing");
        }
        var prefix = PREFIX.matcher(url);
        if (!prefix.find()) {
            throw invalid("'" + url + "' must start with jdbc:mysql:// or jdbc:mariadb://");
        }
        String rest = url.substring(prefix.end());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw invalid("'" + url + "' has no database: use jdbc:mysql://HOST[:PORT]/DATABASE");
        }
        String hostPart = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        List<String> hosts = new ArrayList<>();
        for (String host : hostPart.split(",", -1)) {
            var m = HOST.matcher(host);
            if (!m.matches()) {
                throw invalid("host '" + host + "' is not HOST or HOST:PORT (driver properties in the host part, "
                        + "such as (host=...,key=value), address=(...) or user@host, are not accepted)");
            }
            if (m.group(4) != null) {
                int port = Integer.parseInt(m.group(4));
                if (port < 1 || port > 65535) {
                    throw invalid("port " + port + " of host '" + host + "' is outside 1-65535");
                }
            }
            hosts.add(host);
        }
        int question = path.indexOf('?');
        String database = question < 0 ? path : path.substring(0, question);
        if (!DATABASE.matcher(database).matches()) {
            throw invalid("database '" + database + "' may only hold letters, digits, '_', '$' and '-'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (question >= 0 && question < path.length() - 1) {
            for (String pair : path.substring(question + 1).split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                parameter(name, value, parameters);
            }
        }
        return new MysqlJdbcUrl(prefix.group(1), hosts, database, parameters);
    }

    private static void parameter(String name, String value, Map<String, String> parameters) {
        if (!NAME.matcher(name).matches()) {
            throw invalid("parameter '" + name + "' is not a plain parameter name");
        }
        if (DANGEROUS.contains(name.toLowerCase(Locale.ROOT))) {
            throw invalid("parameter '" + name + "=" + value + "' is not allowed: the operator sets it (local "
                    + "infile is always off, credentials come from spec.mysql.credentialsSecretRef, TLS from "
                    + "spec.mysql.tls)");
        }
        String canonical = ALLOWED.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> invalid("parameter '" + name + "' is not allowed; allowed are "
                        + new java.util.TreeSet<>(ALLOWED.keySet())));
        if (!ALLOWED.get(canonical).matcher(value).matches()) {
            throw invalid("parameter '" + name + "=" + value + "' has a value that is not allowed (expected "
                    + ALLOWED.get(canonical).pattern() + ")");
        }
        if (parameters.put(canonical, value) != null) {
            throw invalid("parameter '" + name + "' is given twice");
        }
    }

    private static IllegalArgumentException invalid(String what) {
        return new IllegalArgumentException(FIELD + ": " + what);
    }

    /** This URL with some parameters replaced or added (e.g. the TLS trust store). */
    public MysqlJdbcUrl with(Map<String, String> more) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.putAll(more);
        return new MysqlJdbcUrl(scheme, hosts, database, p);
    }

    /**
     * The URL to connect with: the user's allowed parameters, the driver defaults the project relies on, then
     * local infile forced off. {@code sslMode} defaults to PREFERRED and {@code allowPublicKeyRetrieval} to false;
     * spec.mysql.tls turns on VERIFY_IDENTITY.
     */
    public String toUrl() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("rewriteBatchedStatements", "true");
        p.put("connectionTimeZone", "UTC");
        p.put("forceConnectionTimeZoneToSession", "true");
        p.put("sslMode", "PREFERRED");
        p.put("allowPublicKeyRetrieval", "false");
        p.putAll(parameters);
        FORCED_OFF.forEach(name -> p.put(name, "false"));
        StringBuilder out = new StringBuilder("jdbc:").append(scheme).append("://").append(String.join(",", hosts))
                .append('/').append(database);
        char separator = '?';
        for (var e : p.entrySet()) {
            out.append(separator).append(e.getKey()).append('=').append(e.getValue());
            separator = '&';
        }
        return out.toString();
    }
}
