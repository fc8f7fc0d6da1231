/**
 * The REST core: one dispatcher servlet on {@code /v1/MEGBOX/*} that routes to the {@code RestEndpoint}
 * services of other bundles, the JSON envelope, the §1.4 write gate, and the JSON answers for every
 * other path and every error page. Private to the bundle, never exported.
 */
package org.megbox.rest.internal;
