package org.megbox.warehouses.internal;

import org.megbox.rest.FakeRestRequest;

/** This module's shorthands for the shared {@link FakeRestRequest} (bundles/rest test-jar). */
final class FakeRequest {

    private FakeRequest() {
    }

    /** A request carrying one path parameter, as the dispatcher hands it over. */
    static FakeRestRequest path(String name, String value) {
        return FakeRestRequest.of("GET", "/").path(name, value);
    }
}
