/** Warehouse SPI: what a warehouse bundle declares (its §26 descriptor) and the spec's dictionaries. */
@Export
@Version("1.1.0")
package org.megbox.api.warehouse;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
