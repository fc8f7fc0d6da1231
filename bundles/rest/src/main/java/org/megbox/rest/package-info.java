/**
 * What endpoint bundles use to serve the MegBox API: the error-code table, {@link ApiException},
 * {@link RestEndpoint} routes, and the declared-constraint validation of {@link Schema}.
 */
@Export
@Version("1.1.0")
package org.megbox.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
