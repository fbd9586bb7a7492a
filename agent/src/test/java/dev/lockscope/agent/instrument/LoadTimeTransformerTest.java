package dev.lockscope.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadTimeTransformerTest {

    /** A part as a lambda: the interface's methods are all default ones. */
    private interface Part extends ClassFileTransformer {
        byte[] apply(byte[] bytes);

        @Override
        default byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
            return apply(bytes);
        }
    }

    @Test
    void eachPartSeesTheBytesAsThePartBeforeLeftThem() throws Exception {
        byte[] original = {1};
        byte[] rewritten = {2};
        List<byte[]> seenBySecond = new ArrayList<>();
        Part rewriter = bytes -> bytes == original ? rewritten : null;
        Part reader = bytes -> {
            seenBySecond.add(bytes);
            return null;
        };
        LoadTimeTransformer t = new LoadTimeTransformer(List.of(rewriter, reader));

        assertSame(rewritten, t.transform(null, "a/B", null, null, original));
        assertSame(rewritten, seenBySecond.get(0));
    }

    @Test
    void nothingChangedIsNull() throws Exception {
        Part none = bytes -> null;
        LoadTimeTransformer t = new LoadTimeTransformer(List.of(none, none));

        assertNull(t.transform(null, "a/B", null, null, new byte[] {1}));
    }

    @Test
    void aLaterPartsChangeIsKeptOverAnEarlierOne() throws Exception {
        Part plusOne = bytes -> new byte[] {(byte) (bytes[0] + 1)};
        LoadTimeTransformer t = new LoadTimeTransformer(List.of(plusOne, plusOne));

        assertArrayEquals(new byte[] {3}, t.transform(null, "a/B", null, null, new byte[] {1}));
    }
}
