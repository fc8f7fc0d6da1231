package org.megbox.rest;

/** One field that failed its declared constraints; {@code path} is dotted, e.g. {@code modelSw.workMode}. */
public record Violation(Kind kind, String path) {

    public enum Kind {
        MISSING,
        ILLEGAL
    }
}
