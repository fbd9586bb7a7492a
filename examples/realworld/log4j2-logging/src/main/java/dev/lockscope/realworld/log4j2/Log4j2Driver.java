package dev.lockscope.realworld.log4j2;

import dev.lockscope.realworld.DriverArgs;
import dev.lockscope.realworld.Figures;
import dev.lockscope.realworld.Load;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Logs through log4j2 to one synchronous file appender (log4j2.xml: logs/log4j2-driver.log under the working
 * directory, flushed on every event), from many threads; one operation is one parameterised log call.
 */
public final class Log4j2Driver {
    private static final Logger LOG = LogManager.getLogger(Log4j2Driver.class);

    private Log4j2Driver() {
    }

    public static void main(String[] argv) throws Exception {
        DriverArgs args = DriverArgs.parse(argv, 10, 3, 8);
        Load.Result result = Load.run(args, "log-load", worker ->
                LOG.info("order {} accepted", ThreadLocalRandom.current().nextInt(1_000_000)));
        int exit = Figures.printLoad(result);
        LogManager.shutdown();
        System.exit(exit);
    }
}
