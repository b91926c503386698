package io.salespulse.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local database for shell scripts (the dashboard benchmark), started exactly as the launcher and the tests
 * start it: {@code java -cp … io.salespulse.local.LocalDatabase DIR PORT DATABASE}. Prints its settings as shell
 * assignments (the password as a file, never its value), then "ready", and runs until SIGTERM (which stops the
 * server cleanly).
 */
public final class LocalDatabase {

    private LocalDatabase() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalDatabase DIR PORT DATABASE");
            System.exit(64);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        MariaDbNode node = MariaDbNode.start(dir, Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "stop-mariadb"));
        node.createDatabase(args[2]);
        System.out.println("DB_JDBC_URL=" + node.jdbcUrl(args[2]));
        System.out.println("DB_USER=" + node.appUser());
        System.out.println("DB_PASSWORD_FILE=" + MariaDbNode.passwordFile(dir));
        System.out.println("DB_CLIENT=" + EmbeddedMariaDb.binaries().client());
        System.out.println("DB_SOCKET=" + node.adminSocket());
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await(); // until a signal runs the hook
    }
}
