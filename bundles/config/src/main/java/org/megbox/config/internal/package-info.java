/** The §3 endpoints, their DTOs and the persistence of the device configuration; private. */
package org.megbox.config.internal;
