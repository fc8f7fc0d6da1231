package org.megbox.video.internal;

import org.megbox.rest.FakeRestRequest;

/** This module's shorthands for the shared {@link FakeRestRequest} (bundles/rest test-jar). */
final class FakeRequest {

    private FakeRequest() {
    }

    static FakeRestRequest of(String method, String body) {
        return FakeRestRequest.of(method, "/videos").body(body);
    }

    static FakeRestRequest of(String method, String videoNo, String body) {
        return FakeRestRequest.of(method, "/videos").path("videoNo", videoNo).body(body);
    }
}
