package dev.lockscope.analyzer.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Ends the stream after {@code limit} bytes (the complete chunks) and reports progress as it goes. */
final class BoundedCountingInputStream extends FilterInputStream {
    private final long limit;
    private final LongConsumer progress;
    private long read;

    BoundedCountingInputStream(InputStream in, long limit, LongConsumer progress) {
        super(in);
        this.limit = limit;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        if (read >= limit) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (read >= limit) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, limit - read));
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(Math.min(n, limit - read));
        advance(s);
        return s;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), limit - read);
    }

    private void advance(long n) {
        read += n;
        progress.accept(read);
    }
}
