/**
 * The per-stage latency log shared by the bundles an event passes through ({@link
 * org.megbox.engine.latency.StageLog}): one clock for their stage timestamps. A debugging aid for the latency
 * breakdown benchmark, off unless its DEBUG loggers are enabled.
 */
@Export
@Version("1.0.0")
package org.megbox.engine.latency;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
