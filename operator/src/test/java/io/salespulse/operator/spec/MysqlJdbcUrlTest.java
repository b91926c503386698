package io.salespulse.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MysqlJdbcUrlTest {

    @Test
    void aPlainUrlIsRebuiltWithLocalInfileForcedOff() {
        MysqlJdbcUrl url = MysqlJdbcUrl.parse("jdbc:mysql://db-1.db.svc:3306,db-2:3307/sales_eu?connectTimeout=500");
        assertThat(url.hosts()).containsExactly("db-1.db.svc:3306", "db-2:3307");
        assertThat(url.database()).isEqualTo("sales_eu");
        assertThat(url.toUrl()).startsWith("jdbc:mysql://db-1.db.svc:3306,db-2:3307/sales_eu?")
                .contains("connectTimeout=500", "allowLoadLocalInfile=false", "allowUrlInLocalInfile=false",
                        "allowPublicKeyRetrieval=false", "sslMode=PREFERRED")
                .doesNotContain("allowLoadLocalInfile=true");
        assertThat(MysqlJdbcUrl.parse("jdbc:mysql://[::1]:3306/db").hosts()).containsExactly("[::1]:3306");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mysql://db:3306/sales?allowLoadLocalInfile=true",
            "jdbc:mysql://db:3306/sales?ALLOWLOADLOCALINFILE=TRUE",
            "jdbc:mysql://db:3306/sales?allowUrlInLocalInfile=true",
            "jdbc:mysql://db:3306/sales?allowLoadLocalInfileInPath=/",
            "jdbc:mysql://db:3306/sales?autoDeserialize=true",
            "jdbc:mysql://db:3306/sales?sslMode=DISABLED&allowLoadLocalInfile=true"})
    void forbiddenQueryParametersAreRefusedNamingFieldAndValue(String jdbc) {
        assertThatThrownBy(() -> MysqlJdbcUrl.parse(jdbc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.mysql.jdbcUrl: parameter '")
                .hasMessageContaining("not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mysql://(host=evil,port=3306,allowLoadLocalInfile=true)/sales",
            "jdbc:mysql://address=(host=evil)(port=3306)(allowLoadLocalInfile=true)/sales",
            "jdbc:mysql://db:3306,(host=evil,allowLoadLocalInfile=true)/sales",
            "jdbc:mysql://user:pw@db:3306/sales",
            "jdbc:mysql://db:99999/sales"})
    void driverPropertiesInTheHostPartAreRefusedNamingField(String jdbc) {
        assertThatThrownBy(() -> MysqlJdbcUrl.parse(jdbc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.mysql.jdbcUrl: ");
    }

    @Test
    void unknownEncodedOrRepeatedParametersAreRefused() {
        assertThatThrownBy(() -> MysqlJdbcUrl.parse("jdbc:mysql://db/sales?queryInterceptors=x.Y"))
                .hasMessageContaining("'queryInterceptors=x.Y' is not allowed");
        assertThatThrownBy(() -> MysqlJdbcUrl.parse("jdbc:mysql://db/sales?allowLoad%4CocalInfile=true"))
                .hasMessageContaining("'allowLoad%4CocalInfile' is not a plain parameter name");
        assertThatThrownBy(() -> MysqlJdbcUrl.parse("jdbc:mysql://db/sales?useFancyThing=1"))
                .hasMessageContaining("'useFancyThing' is not allowed; allowed are [");
        assertThatThrownBy(() -> MysqlJdbcUrl.parse("jdbc:mysql://db/sales?sslMode=DISABLED&sslmode=REQUIRED"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> MysqlJdbcUrl.parse("jdbc:mysql://db/sales?connectTimeout=1%26x"))
                .hasMessageContaining("'connectTimeout=1%26x' has a value that is not allowed");
    }

    @Test
    void theSpecValidatorReportsTheUrlProblem() {
        var p = SpecValidatorTest.valid();
        p.getSpec().mysql.jdbcUrl = "jdbc:mysql://mysql:3306/salespulse?allowLoadLocalInfile=true";
        assertThat(SpecValidator.problems(p)).singleElement().asString()
                .startsWith("spec.mysql.jdbcUrl: parameter 'allowLoadLocalInfile=true' is not allowed");
    }
}
