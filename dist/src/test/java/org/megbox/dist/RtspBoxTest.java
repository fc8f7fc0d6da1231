package org.megbox.dist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.io.TempDir;

/** The fixture of the video tests: a box and an RTSP test server in a fresh folder, both stopped after each test. */
abstract class RtspBoxTest {

    @TempDir
    Path work;

    Box box;
    RtspServer rtsp;

    /**
     * Fails the test when {@code why} names a missing prerequisite (.ci/run installs them), so it is not hidden as
     * skipped, unless -Dmegbox.allowSkip=true says this machine knowingly lacks them: then the test is skipped.
     */
    static void requirePrerequisite(String why) {
        if (Boolean.getBoolean("megbox.allowSkip")) {
            assumeTrue(why == null, why);
        }
        Assertions.assertNull(why, "prerequisite missing: " + why);
    }

    /** {@link #requirePrerequisite} for the RTSP test server's tools. */
    static void requireRtsp() {
        requirePrerequisite(RtspServer.unavailableReason());
    }

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
