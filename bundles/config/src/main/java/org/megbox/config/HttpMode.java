package org.megbox.config;

/** {@code modelSw.httpMode} (§3.1.1, L612–616). */
public enum HttpMode {
    HTTP("http"),
    HTTPS("https");

    private final String wireName;

    HttpMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
