package org.megbox.config.internal;

import org.megbox.config.DetectType;
import org.megbox.config.DeviceConfig;
import org.megbox.config.FunctionModules;
import org.megbox.config.HttpMode;
import org.megbox.config.MegConnectConfig;
import org.megbox.config.ModelSwitches;
import org.megbox.config.PushMode;
import org.megbox.config.VideoMode;
import org.megbox.config.WorkMode;

/**
 * The factory configuration. "L…" are lines of the Chinese spec (000_eb8e36e94b280e8d.txt): a stated
 * default where there is one, else the value of the {@code GET /configs} example (L903–959), else our
 * choice, marked as such.
 */
final class ConfigDefaults {

    static final ModelSwitches MODEL_SW = new ModelSwitches(
            VideoMode.VIDEO_STREAM,          // L565 （默认）
            WorkMode.BLACK_NAME_LIST,        // L575 （默认）
            PushMode.BEST,                   // L595 （默认）
            HttpMode.HTTP,                   // L616 （默认）
            false,                           // libMode, L624 （默认）
            false,                           // digestMode, L638 （默认）
            6,                               // digestMaxAuthTries, L640 默认 6次
            30);                             // digestUnlockTime, L642 默认 30分钟

    static final FunctionModules FUNC_MODULE = new FunctionModules(
            true,                            // capturePicEnabled: on in BlackNameListMode, L647–649
            false,                           // clipEnabled: not open, fixed false, L659
            true,                            // captureFullPicEnabled: on in BlackNameListMode, L654–656
            0,                               // clipTime: not open, fixed 0, L662 (the example's 10 contradicts it)
            DetectType.FULL_FACE,            // L665 says both "默认为全人脸" and "默认混合模式"; the
                                             // GET /configs/detect example (L1002) shows 0, so full face
            10_000,                          // alertReportBufferSize, example L943 (the range's maximum)
            50_000,                          // captureReportBufferSize, example L945 (the range's maximum)
            80,                              // fullPicCompressLevel, example L947
            false,                           // fullPicDrawRectEnabled: no default stated; our choice, off
            500,                             // minPushInterval, example L939
            5,                               // pictureRetryCount: none stated; our choice, as retryCount
            5,                               // pictureRetryInterval: none stated; our choice, as retryInterval
            0,                               // pictureStrangerRetryCount: none stated; as strangerRetryCount
            5,                               // retryCount, example L933
            5,                               // retryInterval, example L935
            0,                               // strangerRetryCount, example L937
            false);                          // rtspServerEnabled: no default stated; our choice, off

    static final DeviceConfig DEVICE = new DeviceConfig(MODEL_SW, FUNC_MODULE);

    /** Active mode off and no address until a client sets one (§3.1.5 states no default). */
    static final MegConnectConfig MEG_CONNECT = new MegConnectConfig(false, "");

    private ConfigDefaults() {
    }
}
