package dev.lockscope.testsupport;

/** A child that prints {@code args[0]} lines to stdout and one to stderr, then exits {@code args[1]}, or sleeps forever. */
public final class Chatty {
    private Chatty() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("sleep")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        int lines = Integer.parseInt(args[0]);
        StringBuilder line = new StringBuilder("x".repeat(100));
        for (int i = 0; i < lines; i++) {
            System.out.println(line);
        }
        System.err.println("to stderr");
        System.exit(Integer.parseInt(args[1]));
    }
}
