/**
 * What endpoint bundles use to serve the MegBox API: the error-code table, {@link ApiException},
 * {@link RestEndpoint} routes, the declared-constraint validation of {@link Schema} and the
 * {@link PartialUpdate} field readers.
 */
@Export
@Version("1.2.0")
package org.megbox.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
