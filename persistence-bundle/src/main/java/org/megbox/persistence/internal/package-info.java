/** MapDB behind {@link org.megbox.persistence.Database}; private to this bundle. */
package org.megbox.persistence.internal;
