package org.megbox.rest.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The seam where §3.1.1 Digest authentication ({@code modelSw.digestMode}) will plug in; not built yet,
 * so the dispatcher uses {@link #ALLOW_ALL}. It runs before routing, for every request under
 * {@code /v1/MEGBOX}.
 */
@FunctionalInterface
interface RequestAuthenticator {

    RequestAuthenticator ALLOW_ALL = (request, response) -> Optional.empty();

    /**
     * Empty to let the request through; otherwise the refusal to answer with (e.g. HTTP 401 after setting
     * {@code WWW-Authenticate} on {@code response}, or 104005 / 104101 for a wrong password or a locked
     * account). Must not write a body.
     */
    Optional<ErrorReply> authenticate(HttpServletRequest request, HttpServletResponse response);
}
