/**
 * Durable, transactional storage for the box's own state (configs, channels, rules, face metadata,
 * event index, outbox): a {@link org.megbox.persistence.Database} service handing out named
 * {@link org.megbox.persistence.KeyValueStore}s. Values cross this API as bytes through a caller's
 * {@link org.megbox.persistence.Codec} (typically Jackson JSON), so no class of a caller's bundle is
 * ever serialised and no storage-engine type leaks out.
 */
@Export
@Version("1.0.0")
package org.megbox.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
