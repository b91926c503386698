package io.salespulse.operator.external;

/** A user name and password read from a Secret. Never printed: {@link #toString()} masks the password. */
public record Credentials(String username, String password, String secretVersion) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
