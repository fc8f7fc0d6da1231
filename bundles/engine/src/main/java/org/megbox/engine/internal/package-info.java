/** Rule validation, storage, endpoints, geometry, tracker, evaluators and the scheduler; private. */
package org.megbox.engine.internal;
