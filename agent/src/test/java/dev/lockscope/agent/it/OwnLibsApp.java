package dev.lockscope.agent.it;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.locks.ReentrantLock;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * An application carrying its own (older) Byte Buddy and JNA. It uses both, prints where they came from,
 * and contends one lock so the agent has something to find.
 */
public final class OwnLibsApp {
    static final ReentrantLock LOCK = new ReentrantLock(); // OWNLIBS-LOCK

    interface CLib extends Library {
        int getpid();
    }

    public static void main(String[] args) throws Exception {
        Class<?> generated = new ByteBuddy().subclass(Object.class).method(named("toString"))
                .intercept(FixedValue.value("made by the app's Byte Buddy")).make()
                .load(OwnLibsApp.class.getClassLoader()).getLoaded();
        System.out.println(generated.getDeclaredConstructor().newInstance());
        System.out.println("bytebuddy-jar=" + jarOf(ByteBuddy.class));
        System.out.println("jna-jar=" + jarOf(Native.class));
        CLib c = Native.load("c", CLib.class);
        System.out.println("pid-ok=" + (c.getpid() == ProcessHandle.current().pid()));
        Thread hog = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                LOCK.lock();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                } finally {
                    LOCK.unlock();
                }
            }
        }, "ownlibs-hog");
        hog.start();
        Thread.sleep(5);
        for (int i = 0; i < 20; i++) {
            LOCK.lock();
            LOCK.unlock();
            Thread.sleep(3);
        }
        hog.join();
        Thread.sleep(2500);
    }

    private static String jarOf(Class<?> c) {
        String p = c.getProtectionDomain().getCodeSource().getLocation().getPath();
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
