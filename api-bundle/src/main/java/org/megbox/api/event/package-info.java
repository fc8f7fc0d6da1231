/**
 * Events a rule raises (the spec's alert_events shape); since 1.1 a face capture's details
 * ({@link org.megbox.api.event.CapturedFace}, {@link org.megbox.api.event.FaceMatch}).
 */
@Export
@Version("1.1.0")
package org.megbox.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
