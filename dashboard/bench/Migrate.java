import io.salespulse.schema.mysql.MysqlSchema;

/** The bench's database gets the schema the way the job gives it: Flyway, with the order contract's placeholders. */
public class Migrate {
    public static void main(String[] args) {
        MysqlSchema.migrate(MysqlSchema.withDriverDefaults(args[0]), args[1], args[2]);
    }
}
