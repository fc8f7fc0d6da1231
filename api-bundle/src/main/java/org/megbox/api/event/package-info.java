/** Events a rule raises (the spec's alert_events shape). */
@Export
@Version("1.0.0")
package org.megbox.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
