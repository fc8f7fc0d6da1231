package org.megbox.wsclient.internal;

import java.util.Hashtable;
import org.megbox.delivery.EventReceiver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Where receivers are announced to the outbox: the service registry, or a list in tests. */
interface ReceiverRegistry {

    /** Registers {@code receiver}; the returned action withdraws it. */
    Runnable register(EventReceiver receiver);

    static ReceiverRegistry of(BundleContext context) {
        return receiver -> {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("megbox.receiver.name", receiver.name());
            ServiceRegistration<EventReceiver> reg = context.registerService(EventReceiver.class, receiver, props);
            return () -> {
                try {
                    reg.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the bundle is stopping: the framework withdrew it already
                }
            };
        };
    }
}
