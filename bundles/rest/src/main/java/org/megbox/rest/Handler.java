package org.megbox.rest;

/**
 * Serves one route. The return value becomes the envelope's {@code data} (serialised with Jackson;
 * {@code null} gives {@code {}}), except a {@link BinaryReply}, which is sent as is. Throw
 * {@link ApiException} for business errors; anything else becomes 105000 without details.
 */
@FunctionalInterface
public interface Handler {
    Object handle(RestRequest request) throws Exception;
}
