package org.megbox.events.internal;

import org.megbox.rest.FakeRestRequest;

/** This module's shorthands for the shared {@link FakeRestRequest} (bundles/rest test-jar). */
final class FakeRequest {

    private FakeRequest() {
    }

    static FakeRestRequest get(String path, String... queryPairs) {
        return FakeRestRequest.of("GET", path).query(queryPairs);
    }

    static FakeRestRequest delete(String path) {
        return FakeRestRequest.of("DELETE", path);
    }
}
