package org.megbox.config;

import java.util.Objects;

/**
 * {@code funcModule}: the function-module switches of §3.1.1 (L644–700); ranges as the spec states
 * them, enforced where requests enter.
 *
 * @param clipEnabled alert video clips; not open in the spec ("fix to false"), always false here
 * @param clipTime alert clip length; not open in the spec ("fix to 0", default 0); kept but unused
 * @param alertReportBufferSize buffered alert messages, 0–10000, oldest dropped first
 * @param captureReportBufferSize buffered capture messages, 0–50000, oldest dropped first
 * @param fullPicCompressLevel background picture compression level, 10–100
 * @param minPushInterval milliseconds, 500–10000
 * @param pictureRetryCount picture-stream secondary recognitions, 0–5000
 * @param pictureRetryInterval capture-camera minimum recognition interval in seconds, 0–60
 * @param pictureStrangerRetryCount picture-stream stranger decisions, 0–5
 * @param retryCount secondary recognitions, 0–5000
 * @param retryInterval seconds between secondary recognitions, 0–60
 * @param strangerRetryCount stranger repeats, 0–5
 */
public record FunctionModules(boolean capturePicEnabled, boolean clipEnabled, boolean captureFullPicEnabled,
        int clipTime, DetectType detectType, int alertReportBufferSize, int captureReportBufferSize,
        int fullPicCompressLevel, boolean fullPicDrawRectEnabled, int minPushInterval, int pictureRetryCount,
        int pictureRetryInterval, int pictureStrangerRetryCount, int retryCount, int retryInterval,
        int strangerRetryCount, boolean rtspServerEnabled) {

    public FunctionModules {
        Objects.requireNonNull(detectType, "detectType");
    }

    public FunctionModules withDetectType(DetectType type) {
        return new FunctionModules(capturePicEnabled, clipEnabled, captureFullPicEnabled, clipTime, type,
                alertReportBufferSize, captureReportBufferSize, fullPicCompressLevel, fullPicDrawRectEnabled,
                minPushInterval, pictureRetryCount, pictureRetryInterval, pictureStrangerRetryCount, retryCount,
                retryInterval, strangerRetryCount, rtspServerEnabled);
    }
}
