package io.salespulse.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    /** htpasswd -nbBC 10 demo salespulse-demo */
    private static final String HTPASSWD_2Y = "$2y$10$0oWH5ROz6/QfSl.9XKPnnOWf8yQWbwwXax0GyGW4CL5FWZlPWF2OW";

    @Test
    void verifiesBcryptHashesOfEveryVariant() {
        String twoA = BcryptUtil.bcryptHash("s3cret pass", 4);
        assertThat(twoA).startsWith("$2a$04$");
        UserDirectory users = new UserDirectory(List.of("demo:" + HTPASSWD_2Y, " ana:" + twoA,
                "bo:" + "$2b$" + twoA.substring(4)));
        assertThat(users.verify("demo", "salespulse-demo".toCharArray())).isTrue();
        assertThat(users.verify("demo", "salespulse-demo ".toCharArray())).isFalse();
        assertThat(users.verify("ana", "s3cret pass".toCharArray())).isTrue();
        assertThat(users.verify("bo", "s3cret pass".toCharArray())).isTrue();
        assertThat(users.verify("nobody", "s3cret pass".toCharArray())).isFalse();
        assertThat(users.verify(null, "x".toCharArray())).isFalse();
        assertThat(users.identity("ana")).hasValueSatisfying(i -> {
            assertThat(i.getPrincipal().getName()).isEqualTo("ana");
            assertThat(i.getRoles()).containsExactly(UserDirectory.ROLE);
        });
        assertThat(users.identity("nobody")).isEmpty();
    }

    @Test
    void theDecoyForUnknownUsersCostsAsMuchAsTheDearestRealHash() {
        String cost11 = BcryptUtil.bcryptHash("s3cret pass", 11);
        assertThat(new UserDirectory(List.of("demo:" + HTPASSWD_2Y, "ana:" + cost11)).decoyCost()).isEqualTo(11);
        String cost4 = BcryptUtil.bcryptHash("s3cret pass", 4);
        assertThat(new UserDirectory(List.of("ana:" + cost4)).decoyCost()).isEqualTo(4);
        assertThat(new UserDirectory(List.of()).decoyCost()).isEqualTo(10);
    }

    @Test
    void rejectsEntriesThatAreNotNameAndHash() {
        assertThatThrownBy(() -> new UserDirectory(List.of("demo:plaintext")))
                .hasMessageContaining("'demo' is not name:bcrypt-hash").hasMessageNotContaining("plaintext");
        assertThatThrownBy(() -> new UserDirectory(List.of("bad name:" + HTPASSWD_2Y))).hasMessageContaining("user name");
        assertThatThrownBy(() -> new UserDirectory(List.of("demo:" + HTPASSWD_2Y, "demo:" + HTPASSWD_2Y)))
                .hasMessageContaining("listed twice");
        assertThat(new UserDirectory(List.of()).exists("demo")).isFalse();
    }

    @Test
    void nextIsAlwaysALocalPath() {
        assertThat(LoginResource.safeNext("/?range=24h&country=US")).isEqualTo("/?range=24h&country=US");
        for (String hostile : new String[] {null, "", "https://evil.example", "//evil.example", "/\\evil", "/login?x",
                "javascript:alert(1)", "/\r\nSet-Cookie:x"}) {
            assertThat(LoginResource.safeNext(hostile)).as(String.valueOf(hostile)).isEqualTo("/");
        }
    }
}
