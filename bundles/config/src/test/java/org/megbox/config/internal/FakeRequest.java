package org.megbox.config.internal;

import org.megbox.rest.FakeRestRequest;

/** This module's shorthands for the shared {@link FakeRestRequest} (bundles/rest test-jar). */
final class FakeRequest {

    private FakeRequest() {
    }

    static FakeRestRequest get(String path) {
        return FakeRestRequest.of("GET", path);
    }

    static FakeRestRequest post(String path, String json) {
        return FakeRestRequest.of("POST", path).body(json);
    }
}
