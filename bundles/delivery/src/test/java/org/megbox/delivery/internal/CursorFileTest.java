package org.megbox.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CursorFileTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileHoldsNothing() {
        try (CursorFile f = CursorFile.open(dir.resolve("a/main.cursor"))) {
            assertNull(f.last());
        }
    }

    @Test
    void theLastWriteIsReadBackEvenWithoutForceOrClose() {
        CursorFile f = CursorFile.open(dir.resolve("main.cursor"));
        for (int i = 1; i <= 5; i++) {
            f.write(new ReceiverState(i, i, 0, 0));
        }
        f.write(new ReceiverState(9, 6, 2, 3));
        // a second reader, like the box after a SIGKILL: the page cache has the writes
        try (CursorFile again = CursorFile.open(dir.resolve("main.cursor"))) {
            assertEquals(new ReceiverState(9, 6, 2, 3), again.last());
        }
        f.close();
    }

    @Test
    void aTornSlotFallsBackToThePreviousState() throws Exception {
        Path p = dir.resolve("main.cursor");
        try (CursorFile f = CursorFile.open(p)) {
            f.write(new ReceiverState(1, 1, 0, 0)); // slot 0
            f.write(new ReceiverState(2, 2, 0, 0)); // slot 1
            f.write(new ReceiverState(3, 3, 0, 0)); // slot 0
        }
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.seek(20); // inside slot 0's payload: as if the power went during its write
            raf.writeLong(-1);
        }
        try (CursorFile f = CursorFile.open(p)) {
            assertEquals(new ReceiverState(2, 2, 0, 0), f.last());
            f.write(new ReceiverState(4, 4, 0, 0)); // goes over the torn slot
        }
        try (CursorFile f = CursorFile.open(p)) {
            assertEquals(new ReceiverState(4, 4, 0, 0), f.last());
        }
    }
}
