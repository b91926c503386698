package io.salespulse.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private static final String TOKEN = "0123456789abcdefghijklmnopqrstuvwxyz-token";

    @Test
    void findsTheNameOfAConfiguredTokenByItsHash() {
        ApiTokens tokens = new ApiTokens(List.of(" ", "ci:" + ApiTokens.sha256(TOKEN).toUpperCase(),
                "grafana:" + ApiTokens.sha256(TOKEN + "-2")));
        assertThat(tokens.nameOf(TOKEN)).hasValue("ci");
        assertThat(tokens.nameOf(TOKEN + "-2")).hasValue("grafana");
        assertThat(tokens.nameOf(TOKEN + "-3")).isEmpty();
        assertThat(tokens.nameOf("short")).isEmpty();
        assertThat(tokens.nameOf(null)).isEmpty();
    }

    @Test
    void rejectsEntriesThatAreNotNameAndSha256NamingTheSettingButNeverTheValue() {
        assertThatThrownBy(() -> new ApiTokens(List.of("ci:" + TOKEN)))
                .hasMessageStartingWith("salespulse.dashboard.api-tokens: the entry for 'ci' is not name:sha256-hex")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> new ApiTokens(List.of("bad name:" + ApiTokens.sha256(TOKEN))))
                .hasMessageContaining("token name 'bad name'");
        assertThatThrownBy(() -> new ApiTokens(List.of("ci")))
                .hasMessageContaining("the entry for 'ci' is not name:sha256-hex");
    }

    @Test
    void aNameOrATokenListedTwiceIsRefused() {
        String hash = ApiTokens.sha256(TOKEN);
        assertThatThrownBy(() -> new ApiTokens(List.of("ci:" + hash, "ci:" + ApiTokens.sha256(TOKEN + "-2"))))
                .hasMessage("salespulse.dashboard.api-tokens: token 'ci' is listed twice");
        assertThatThrownBy(() -> new ApiTokens(List.of("ci:" + hash, "grafana:" + hash.toUpperCase())))
                .hasMessage("salespulse.dashboard.api-tokens: token 'grafana' is listed twice");
    }
}
