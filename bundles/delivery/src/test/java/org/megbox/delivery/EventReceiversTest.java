package org.megbox.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.megbox.events.StoredEvent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The registration every transport uses; a fake BundleContext records what reaches the service registry. */
class EventReceiversTest {

    private final AtomicReference<Object[]> registered = new AtomicReference<>();
    private final AtomicInteger unregisterCalls = new AtomicInteger();

    private static final EventReceiver RECEIVER = new EventReceiver() {
        @Override
        public String name() {
            return "ws.main";
        }

        @Override
        public String address() {
            return "ws://127.0.0.1:1/";
        }

        @Override
        public RetryPolicy retryPolicy() {
            return null;
        }

        @Override
        public void deliver(StoredEvent event) {
        }
    };

    /** A context whose registrations throw IllegalStateException once unregistered, like the framework's. */
    private BundleContext context() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister") && unregisterCalls.incrementAndGet() > 1) {
                        throw new IllegalStateException("already unregistered");
                    }
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerService")) {
                        registered.set(args);
                        return registration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void registersTheReceiverUnderItsInterfaceWithItsName() {
        EventReceivers.register(context(), RECEIVER);

        Object[] args = registered.get();
        assertSame(EventReceiver.class, args[0]);
        assertSame(RECEIVER, args[1]);
        assertEquals("ws.main", ((Dictionary<?, ?>) args[2]).get(EventReceivers.NAME_PROPERTY));
        assertEquals("megbox.receiver.name", EventReceivers.NAME_PROPERTY);
    }

    @Test
    void withdrawingTwiceIsHarmless() {
        Runnable withdraw = EventReceivers.register(context(), RECEIVER);

        withdraw.run();
        withdraw.run();

        assertEquals(2, unregisterCalls.get());
    }
}
