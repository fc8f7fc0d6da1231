package org.megbox.wsclient.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.megbox.api.event.CapturedFace;
import org.megbox.api.event.FaceMatch;
import org.megbox.delivery.EventPayloads;
import org.megbox.events.StoredEvent;

/** A small stand-in for the delivery bundle's payloads: recognisable bytes, the spec's ACK shape. */
final class FakePayloads implements EventPayloads {

    static StoredEvent event(long id, int algType) {
        return new StoredEvent(id, "0123456789AB00000000", 1, "plaza", algType, "intrusion", 1, "polygon", 1,
                "person", 600 + id, List.of(new StoredEvent.PixelPoint(1, 2), new StoredEvent.PixelPoint(30, 40)),
                100 + id, 5000 + id, 5000 + id, 1_700_000_000_000L + id, 1_700_000_000_123L + id * 1000, 1, 768,
                576, null, null, true, true);
    }

    /** A face capture (algType 0) with a top-1 match; {@code alert}/{@code stranger} as the recogniser said. */
    static StoredEvent face(long id, boolean alert, boolean stranger) {
        StoredEvent e = event(id, 0);
        CapturedFace face = new CapturedFace(30, 0, 97f,
                List.of(new FaceMatch("token" + id, "image" + id, 88f, List.of("staff"), alert ? List.of("staff")
                        : List.of())), alert, stranger);
        return new StoredEvent(e.id(), e.deviceId(), e.videoNo(), e.channelName(), 0, "face", e.areaId(),
                e.areaType(), e.alertorId(), "face", e.targetId(), e.points(), e.frameId(), e.pts(), e.dts(),
                e.recvTs(), e.timestamp(), e.trackIdTimes(), e.width(), e.height(), null, null, true, true, face);
    }

    @Override
    public byte[] alertModeJson(StoredEvent event, Pictures pictures) {
        return ("{\"alert_events\":[],\"device_id\":\"" + event.deviceId() + "\",\"stream_id\":" + event.videoNo()
                + ",\"frame_id\":" + event.frameId() + ",\"pictures\":\"" + pictures + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] legacyFrame(StoredEvent event, boolean capture, int seq, Pictures pictures) {
        return ((capture ? "Capture" : "Alert") + ":" + seq + ":" + event.id()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String legacyAck(StoredEvent event, boolean capture) {
        return String.format("%s_%02d_%d_%d_ACK", capture ? "Capture" : "Alert", event.videoNo(),
                event.timestamp() / 1000, event.targetId());
    }

    @Override
    public byte[] heartbeat() {
        return ("{\"deviceId\":\"0123456789AB00000000\",\"timestamp\":" + System.currentTimeMillis() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
