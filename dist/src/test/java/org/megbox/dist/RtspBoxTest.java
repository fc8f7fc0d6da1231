package org.megbox.dist;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The fixture of the video tests: a box and an RTSP test server in a fresh folder, both stopped after each test. */
abstract class RtspBoxTest {

    @TempDir
    Path work;

    Box box;
    RtspServer rtsp;

    @AfterEach
    void tearDown() {
        if (box != null) {
            box.close();
        }
        if (rtsp != null) {
            rtsp.close();
        }
    }
}
