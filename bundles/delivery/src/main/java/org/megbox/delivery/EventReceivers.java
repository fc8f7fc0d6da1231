package org.megbox.delivery;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Announces an {@link EventReceiver} to the outbox, the same way for every transport. */
public final class EventReceivers {

    /** Service property carrying {@link EventReceiver#name()}, so a registration can be told apart in the registry. */
    public static final String NAME_PROPERTY = "megbox.receiver.name";

    private EventReceivers() {
    }

    /**
     * Registers {@code receiver} as an {@link EventReceiver} service of {@code context}'s bundle; the returned action
     * withdraws it and may run after the bundle stopped.
     */
    public static Runnable register(BundleContext context, EventReceiver receiver) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(NAME_PROPERTY, receiver.name());
        ServiceRegistration<EventReceiver> reg = context.registerService(EventReceiver.class, receiver, props);
        return () -> {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework withdrew it already
            }
        };
    }
}
