/** Channel alert rules (§26 multiAlert) as idiomatic Java values. */
@Export
@Version("1.0.0")
package org.megbox.api.rule;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
