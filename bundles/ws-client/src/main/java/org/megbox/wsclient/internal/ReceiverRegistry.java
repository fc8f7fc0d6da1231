package org.megbox.wsclient.internal;

import org.megbox.delivery.EventReceiver;
import org.megbox.delivery.EventReceivers;
import org.osgi.framework.BundleContext;

/** Where receivers are announced to the outbox: the service registry, or a list in tests. */
interface ReceiverRegistry {

    /** Registers {@code receiver}; the returned action withdraws it. */
    Runnable register(EventReceiver receiver);

    static ReceiverRegistry of(BundleContext context) {
        return receiver -> EventReceivers.register(context, receiver);
    }
}
