package org.megbox.rest;

/** A non-JSON answer (a picture, a file), sent with HTTP 200 and the given content type. */
public record BinaryReply(String contentType, byte[] body) {
}
