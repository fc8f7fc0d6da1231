/** Geometry in the spec's normalised frame coordinates (0..1). */
@Export
@Version("1.0.0")
package org.megbox.api.geometry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
