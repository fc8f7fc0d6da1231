/**
 * Shared neural-network inference: a warehouse asks for a model by name and hands over its bytes (usually
 * a resource of its own bundle); the inference bundle owns the runtime, the sessions and the thread
 * budget, so two warehouses using the same model share one session and the box never runs more
 * inference threads than it was given.
 */
@Export
@Version("1.0.0")
package org.megbox.api.inference;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
