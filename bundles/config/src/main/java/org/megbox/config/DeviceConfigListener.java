package org.megbox.config;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told about every committed change of the {@link DeviceConfig}. This is the hook
 * for the spec's "changing workMode/libMode re-initialises the device": the face library bundle
 * registers one and clears its library, group bindings and library-bound surveillance settings when
 * {@link DeviceConfig#reinitialises(DeviceConfig, DeviceConfig)} says so.
 *
 * <p>Called on the thread of the request that made the change, after the new configuration was
 * committed and published and before that request is answered; an exception is logged and does not
 * undo the change.
 */
@ConsumerType
public interface DeviceConfigListener {

    void deviceConfigChanged(DeviceConfig previous, DeviceConfig current);
}
