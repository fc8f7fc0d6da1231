/** Analyzer contract: the engine hands a decoded frame and a rule in, detections and events come out. */
@Export
@Version("1.0.0")
package org.megbox.api.analysis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
