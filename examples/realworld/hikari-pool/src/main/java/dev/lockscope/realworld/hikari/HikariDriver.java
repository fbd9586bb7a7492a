package dev.lockscope.realworld.hikari;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lockscope.realworld.DriverArgs;
import dev.lockscope.realworld.Figures;
import dev.lockscope.realworld.Load;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fixed HikariCP pool of a few connections over an in-memory H2 database, borrowed by more threads than it has
 * connections: one operation borrows a connection, runs one small query or update (autocommit) and returns it.
 */
public final class HikariDriver {
    static final int POOL_SIZE = 2;
    static final int ACCOUNTS = 1_000;

    private HikariDriver() {
    }

    public static void main(String[] argv) throws Exception {
        DriverArgs args = DriverArgs.parse(argv, 10, 3, 8);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:bank;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(POOL_SIZE); // a fixed pool, as HikariCP recommends: minimumIdle defaults to it
        config.setPoolName("bank");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table account(id int primary key, balance bigint not null)");
                s.execute("insert into account select x, 1000 from system_range(1, " + ACCOUNTS + ")");
            }
            Load.Result result = Load.run(args, "db-load", worker -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                int id = 1 + r.nextInt(ACCOUNTS);
                try (Connection c = pool.getConnection()) {
                    if (r.nextInt(10) < 8) {
                        try (PreparedStatement q = c.prepareStatement("select balance from account where id = ?")) {
                            q.setInt(1, id);
                            try (ResultSet rs = q.executeQuery()) {
                                if (!rs.next()) {
                                    throw new IllegalStateException("no account " + id);
                                }
                            }
                        }
                    } else {
                        try (PreparedStatement u = c.prepareStatement("update account set balance = balance + ? where id = ?")) {
                            u.setLong(1, r.nextInt(201) - 100);
                            u.setInt(2, id);
                            if (u.executeUpdate() != 1) {
                                throw new IllegalStateException("account " + id + " not updated");
                            }
                        }
                    }
                }
            });
            int exit = Figures.printLoad(result);
            System.exit(exit);
        }
    }
}
