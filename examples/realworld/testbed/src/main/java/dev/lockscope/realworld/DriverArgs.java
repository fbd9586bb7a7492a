package dev.lockscope.realworld;

/**
 * The arguments every driver takes: {@code --seconds N} of measured load after {@code --warmup N} seconds of the
 * same load, on {@code --threads N} load threads. A wrong argument is one line on stderr and exit 2.
 */
public record DriverArgs(double seconds, double warmupSeconds, int threads) {

    public static DriverArgs parse(String[] args, double seconds, double warmup, int threads) {
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--seconds" -> seconds = Double.parseDouble(value);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
                i++;
            }
            if (!(seconds > 0) || warmup < 0 || threads < 1) {
                throw new IllegalArgumentException("--seconds must be > 0, --warmup >= 0, --threads >= 1");
            }
        } catch (RuntimeException e) {
            System.err.println("usage: [--seconds N] [--warmup N] [--threads N]: " + e.getMessage());
            System.exit(2);
        }
        return new DriverArgs(seconds, warmup, threads);
    }
}
