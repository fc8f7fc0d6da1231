package org.megbox.delivery.internal;

import org.megbox.delivery.EventPayloads;
import org.megbox.events.EventStore;
import org.megbox.events.StoredEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The spec's messages for every transport: §25.4 ({@link AlertModePayload}), §23 ({@link LegacyFrame}), heartbeat. */
@Component(service = EventPayloads.class)
public final class SpecPayloads implements EventPayloads {

    private final EventStore store;

    @Activate
    public SpecPayloads(@Reference(name = "events") EventStore store) {
        this.store = store;
    }

    @Override
    public byte[] alertModeJson(StoredEvent event, Pictures pictures) {
        return AlertModePayload.webSocketJson(event, pictures, store);
    }

    @Override
    public byte[] legacyFrame(StoredEvent event, boolean capture, int seq, Pictures pictures) {
        return LegacyFrame.encode(event, capture, seq, pictures, store);
    }

    @Override
    public String legacyAck(StoredEvent event, boolean capture) {
        return LegacyFrame.ack(event, capture);
    }

    /** §23.1.1: {@code deviceId} (20 characters, MAC + zeros) and {@code timestamp}, Unix ms now. */
    @Override
    public byte[] heartbeat() {
        return AlertModePayload.bytes(AlertModePayload.MAPPER.createObjectNode()
                .put("deviceId", store.deviceId()).put("timestamp", System.currentTimeMillis()));
    }
}
