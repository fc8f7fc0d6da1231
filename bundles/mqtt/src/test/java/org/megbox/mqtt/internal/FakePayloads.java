package org.megbox.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.megbox.delivery.EventPayloads;
import org.megbox.events.StoredEvent;

/** A small stand-in for the delivery bundle's payloads: recognisable bytes per event. */
final class FakePayloads implements EventPayloads {

    static StoredEvent event(long id, int videoNo, int algType) {
        return new StoredEvent(id, "0123456789AB00000000", videoNo, "plaza", algType, "intrusion", 1, "polygon", 1,
                "person", 600 + id, List.of(new StoredEvent.PixelPoint(1, 2), new StoredEvent.PixelPoint(30, 40)),
                100 + id, 5000 + id, 5000 + id, 1_700_000_000_000L + id, 1_700_000_000_123L + id, 1, 768, 576, null,
                null, true, true);
    }

    @Override
    public byte[] alertModeJson(StoredEvent event, Pictures pictures) {
        return ("{\"frame_id\":" + event.frameId() + ",\"pictures\":\"" + pictures + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] legacyFrame(StoredEvent event, boolean capture, int seq, Pictures pictures) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String legacyAck(StoredEvent event, boolean capture) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] heartbeat() {
        throw new UnsupportedOperationException();
    }
}
