package dev.lockscope.analyzer.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The chosen chunks of a file, one after another, as one stream (a JFR file is just its chunks in a row), with
 * progress reported as bytes go by. Skipping chunks this way drops a truncated tail and chunks already read from
 * another file.
 */
final class ChunksInputStream extends InputStream {
    /**
     * The most one read asks the file for. The parser reads a whole chunk (up to 150 MB seen) in one call, and a read
     * into a heap array goes through a temporary direct buffer of the call's size that the JDK keeps per thread: a
     * chunk-sized block of native memory per reading thread, for the thread's life, outside the heap's bound.
     */
    static final int MAX_READ = 1 << 20;

    private final FileChannel channel;
    private final List<ChunkLayout.Chunk> chunks;
    private final LongConsumer progress;
    private int index;
    private long posInChunk;
    private long delivered;

    ChunksInputStream(ChunkLayout layout, LongConsumer progress) throws IOException {
        this.channel = FileChannel.open(layout.path(), StandardOpenOption.READ);
        this.chunks = layout.chunkList();
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (index < chunks.size() && posInChunk >= chunks.get(index).size()) {
            index++;
            posInChunk = 0;
        }
        if (index >= chunks.size()) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        ChunkLayout.Chunk c = chunks.get(index);
        int want = (int) Math.min(Math.min(len, MAX_READ), c.size() - posInChunk);
        int n = channel.read(ByteBuffer.wrap(b, off, want), c.offset() + posInChunk);
        if (n < 0) {
            throw new IOException("file shrank while being read");
        }
        posInChunk += n;
        delivered += n;
        progress.accept(delivered);
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
