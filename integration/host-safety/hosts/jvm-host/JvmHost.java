import java.net.InetAddress;
import java.security.Security;

/**
 * A JVM host of the host-safety suite: resolves NAME with InetAddress.getByName (getaddrinfo,
 * so glibc and the module), then takes NULLS implicit null checks in compiled code (each one a
 * SIGSEGV that the JVM's own handler turns into a NullPointerException) while another thread
 * keeps resolving. Usage: java JvmHost NAME ADDRESS NULLS. Exit status 0 when all held.
 */
public final class JvmHost {
    static final class Box { int value; }

    static volatile int failures;

    public static void main(String[] args) throws Exception {
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        String name = args[0];
        InetAddress expected = InetAddress.getByName(args[1]);
        long nulls = Long.parseLong(args[2]);

        InetAddress.getAllByName("localhost"); // glibc's own start-up, before the module's first lookup
        check(name, expected);
        Thread resolver = new Thread(() -> {
            for (int i = 0; i < 20; i++) check(name, expected);
        });
        resolver.start();
        Box[] boxes = { new Box(), null };
        long caught = 0;
        for (long i = 0; i < nulls; i++) {
            try {
                read(boxes[1]);
            } catch (NullPointerException e) {
                caught++;
            }
            read(boxes[0]);
        }
        resolver.join();
        if (caught != nulls) {
            System.err.println("jvm-host: " + (nulls - caught) + " null checks did not throw");
            System.exit(1);
        }
        if (failures > 0) {
            System.err.println("jvm-host: " + failures + " lookups did not answer " + args[1]);
            System.exit(1);
        }
    }

    static int read(Box box) {
        return box.value;
    }

    static void check(String name, InetAddress expected) {
        try {
            boolean found = false;
            for (InetAddress a : InetAddress.getAllByName(name)) found |= a.equals(expected);
            if (!found) failures++;
        } catch (Exception e) {
            failures++;
        }
    }
}
