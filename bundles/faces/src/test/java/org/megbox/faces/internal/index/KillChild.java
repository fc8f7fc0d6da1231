package org.megbox.faces.internal.index;

import java.nio.file.Path;
import java.util.Random;

/**
 * Run by {@link FaceIndexKillTest} in its own JVM, which it then kills with SIGKILL: puts 2 000 faces, syncs, says
 * "synced"; then with {@code idle} waits, with {@code writing} puts one more face, says "changed" and keeps putting
 * new faces without syncing.
 */
public final class KillChild {

    public static void main(String[] args) throws Exception {
        Random random = new Random(51);
        FaceIndex index = FaceIndex.open(Path.of(args[0]), 32);
        for (long key = 0; key < 2000; key++) {
            index.put(key, Vectors.randomUnit(random, 32));
        }
        index.sync();
        System.out.println("synced");
        System.out.flush();
        if (args[1].equals("writing")) {
            index.put(2000, Vectors.randomUnit(random, 32));
            System.out.println("changed");
            System.out.flush();
            for (long key = 2001; ; key++) {
                index.put(key, Vectors.randomUnit(random, 32));
            }
        }
        Thread.sleep(60_000);
    }
}
