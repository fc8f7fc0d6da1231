package org.megbox.config;

/**
 * {@code modelSw.workMode} (§3.1.1, L567–583). Changing it re-initialises the device: the face
 * library, group bindings and surveillance settings tied to the library are cleared (see
 * {@link DeviceConfigListener}).
 */
public enum WorkMode {
    /** Access mode: white list, low false accepts, fast push; capture pictures default off. */
    WHITE_NAME_LIST("WhiteNameListMode", false),
    /** Capture (security) mode: black list, best push; the default; capture pictures default on. */
    BLACK_NAME_LIST("BlackNameListMode", true);

    private final String wireName;
    private final boolean capturePicturesByDefault;

    WorkMode(String wireName, boolean capturePicturesByDefault) {
        this.wireName = wireName;
        this.capturePicturesByDefault = capturePicturesByDefault;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The default of {@code funcModule.capturePicEnabled} and {@code captureFullPicEnabled} in this mode
     * (L647–656: off in WhiteNameListMode, on in BlackNameListMode).
     */
    public boolean capturePicturesByDefault() {
        return capturePicturesByDefault;
    }
}
