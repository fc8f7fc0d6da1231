package org.megbox.config.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Wire shapes of §3, spelled exactly as the spec spells them (case included: {@code MegFaceSDKVer}).
 * Built only by {@link ConfigDtoMapper}. {@link Settings} is also the stored record, so the database
 * holds what the API speaks and tolerates fields added later (they take their defaults).
 */
final class ConfigDtos {

    private ConfigDtos() {
    }

    /** {@code modelSw}, in the order of the spec's table (L549–642). */
    @JsonPropertyOrder({"videoMode", "workMode", "pushMode", "httpMode", "libMode", "digestMode",
        "digestMaxAuthTries", "digestUnlockTime"})
    record ModelSw(
            @JsonProperty("videoMode") String videoMode,
            @JsonProperty("workMode") String workMode,
            @JsonProperty("pushMode") String pushMode,
            @JsonProperty("httpMode") String httpMode,
            @JsonProperty("libMode") boolean libMode,
            @JsonProperty("digestMode") boolean digestMode,
            @JsonProperty("digestMaxAuthTries") int digestMaxAuthTries,
            @JsonProperty("digestUnlockTime") int digestUnlockTime) {
    }

    /** {@code funcModule}, in the order of the spec's table (L644–700). */
    @JsonPropertyOrder({"capturePicEnabled", "clipEnabled", "captureFullPicEnabled", "clipTime", "detectType",
        "alertReportBufferSize", "captureReportBufferSize", "fullPicCompressLevel", "fullPicDrawRectEnabled",
        "minPushInterval", "pictureRetryCount", "pictureRetryInterval", "pictureStrangerRetryCount", "retryCount",
        "retryInterval", "strangerRetryCount", "rtspServerEnabled"})
    record FuncModule(
            @JsonProperty("capturePicEnabled") boolean capturePicEnabled,
            @JsonProperty("clipEnabled") boolean clipEnabled,
            @JsonProperty("captureFullPicEnabled") boolean captureFullPicEnabled,
            @JsonProperty("clipTime") int clipTime,
            @JsonProperty("detectType") int detectType,
            @JsonProperty("alertReportBufferSize") int alertReportBufferSize,
            @JsonProperty("captureReportBufferSize") int captureReportBufferSize,
            @JsonProperty("fullPicCompressLevel") int fullPicCompressLevel,
            @JsonProperty("fullPicDrawRectEnabled") boolean fullPicDrawRectEnabled,
            @JsonProperty("minPushInterval") int minPushInterval,
            @JsonProperty("pictureRetryCount") int pictureRetryCount,
            @JsonProperty("pictureRetryInterval") int pictureRetryInterval,
            @JsonProperty("pictureStrangerRetryCount") int pictureStrangerRetryCount,
            @JsonProperty("retryCount") int retryCount,
            @JsonProperty("retryInterval") int retryInterval,
            @JsonProperty("strangerRetryCount") int strangerRetryCount,
            @JsonProperty("rtspServerEnabled") boolean rtspServerEnabled) {
    }

    /** The body of {@code POST /configs} when complete, and the stored record. */
    @JsonPropertyOrder({"modelSw", "funcModule"})
    record Settings(
            @JsonProperty("modelSw") ModelSw modelSw,
            @JsonProperty("funcModule") FuncModule funcModule) {
    }

    /** {@code model}: versions of the face models (L733–745). */
    @JsonPropertyOrder({"detectModelVer", "trackModelVer", "poseModelVer", "blurModelVer", "searchModelVer",
        "livenessModelVer"})
    record ModelVersions(
            @JsonProperty("detectModelVer") String detectModelVer,
            @JsonProperty("trackModelVer") String trackModelVer,
            @JsonProperty("poseModelVer") String poseModelVer,
            @JsonProperty("blurModelVer") String blurModelVer,
            @JsonProperty("searchModelVer") String searchModelVer,
            @JsonProperty("livenessModelVer") String livenessModelVer) {
    }

    /** {@code data} of {@code GET /configs}, in the order of the spec's example (L903–959). */
    @JsonPropertyOrder({"MegFaceSDKVer", "model", "funcModule", "modelSw"})
    record Configs(
            @JsonProperty("MegFaceSDKVer") String megFaceSdkVer,
            @JsonProperty("model") ModelVersions model,
            @JsonProperty("funcModule") FuncModule funcModule,
            @JsonProperty("modelSw") ModelSw modelSw) {
    }

    /** {@code data} of {@code GET /configs/detect} (L985–1006). */
    @JsonPropertyOrder({"type", "support"})
    record Detect(
            @JsonProperty("type") int type,
            @JsonProperty("support") List<Integer> support) {
    }

    /** {@code data} of {@code GET /devices/megConnect} (L1090–1096). */
    @JsonPropertyOrder({"enable", "url", "port"})
    record MegConnect(
            @JsonProperty("enable") boolean enable,
            @JsonProperty("url") String url,
            @JsonProperty("port") int port) {
    }

    /** The stored MegConnect record: the body of {@code POST /devices/megConnect}. */
    @JsonPropertyOrder({"enable", "url"})
    record StoredMegConnect(
            @JsonProperty("enable") boolean enable,
            @JsonProperty("url") String url) {
    }
}
