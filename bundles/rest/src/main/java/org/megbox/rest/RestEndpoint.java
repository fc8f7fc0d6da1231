package org.megbox.rest;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as an OSGi service by any bundle that serves part of the API; the REST core binds these
 * dynamically, so a bundle's routes appear and vanish with it. Two endpoints must not claim the same
 * method and path; the later one is refused and logged.
 */
@ConsumerType
public interface RestEndpoint {
    List<Route> routes();
}
