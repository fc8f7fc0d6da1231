package org.megbox.wsserver.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.megbox.api.event.CapturedFace;
import org.megbox.api.event.FaceMatch;
import org.megbox.delivery.EventPayloads;
import org.megbox.events.StoredEvent;

/** Test doubles: an outlet that records, payloads in the §23.1 shape the delivery bundle encodes. */
final class Fakes {

    private Fakes() {
    }

    static StoredEvent event(long id, int algType) {
        return new StoredEvent(id, "02FC0000000100000000", 1, "plaza", algType, "intrusion", 1, "polygon", 1, "person",
                6018, List.of(new StoredEvent.PixelPoint(10, 20), new StoredEvent.PixelPoint(30, 60)), 100 + id,
                4000, 4000, 1_700_000_000_000L, 1_543_893_775_000L + id, 1, 640, 480,
                "./pictures/2026/11/25/16/" + id + "_1_6018_full.jpg", "./pictures/2026/11/25/16/" + id + "_1_6018_crop.jpg",
                true, true);
    }

    /** A face capture (algType 0) with a top-1 match; {@code alert}/{@code stranger} as the recogniser said. */
    static StoredEvent face(long id, boolean alert, boolean stranger) {
        StoredEvent e = event(id, 0);
        CapturedFace face = new CapturedFace(30, 0, 97f, List.of(new FaceMatch("token" + id, "image" + id, 88f,
                List.of("staff"), alert ? List.of("staff") : List.of())), alert, stranger);
        return new StoredEvent(e.id(), e.deviceId(), e.videoNo(), e.channelName(), 0, "face", e.areaId(),
                e.areaType(), e.alertorId(), "face", e.targetId(), e.points(), e.frameId(), e.pts(), e.dts(),
                e.recvTs(), e.timestamp(), e.trackIdTimes(), e.width(), e.height(), e.fullPicture(),
                e.cropPicture(), true, true, face);
    }

    static final byte[] CROP = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
    static final byte[] FULL = {(byte) 0xFF, (byte) 0xD8, 9, 9, 9, 9, 9, 9};

    /** A §23.1 frame as the delivery bundle builds it: header, JSON with picture lengths, crop then full. */
    static byte[] legacy(StoredEvent e, boolean capture, int seq, EventPayloads.Pictures p) {
        byte[] crop = p.any() && p.crop() ? CROP : new byte[0];
        byte[] full = p.any() && p.full() ? FULL : new byte[0];
        String pics = "\"captureFace\":" + crop.length + ",\"fullImage\":" + full.length;
        String json = "{\"deviceId\":\"" + e.deviceId() + "\",\"dataType\":\"" + (capture ? "Capture" : "Alert")
                + "\",\"videoNo\":" + e.videoNo() + ",\"trackId\":" + e.targetId() + ","
                + (capture ? pics + ",\"catchTimestamp\":" + e.timestamp()
                        : "\"images\":{" + pics + ",\"Top1\":0},\"timestamp\":" + e.timestamp()) + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] type = (capture ? "Capture" : "Alert").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(16 + body.length + crop.length + full.length).put(type)
                .put(new byte[8 - type.length]).putInt(body.length).putInt(seq).put(body).put(crop).put(full).array();
    }

    static final class Payloads implements EventPayloads {
        volatile int heartbeats;

        @Override
        public byte[] alertModeJson(StoredEvent event, Pictures pictures) {
            return ("{\"alert_events\":[],\"frame_id\":" + event.frameId() + "}").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] legacyFrame(StoredEvent event, boolean capture, int seq, Pictures pictures) {
            return legacy(event, capture, seq, pictures);
        }

        @Override
        public String legacyAck(StoredEvent event, boolean capture) {
            return (capture ? "Capture" : "Alert") + "_01_" + event.timestamp() / 1000 + "_" + event.targetId()
                    + "_ACK";
        }

        @Override
        public byte[] heartbeat() {
            heartbeats++;
            return "{\"deviceId\":\"02FC0000000100000000\",\"timestamp\":1}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Records what is sent; each send completes as {@link #next} says (written by default). */
    static final class Outlet implements org.megbox.wsserver.internal.Outlet {
        final List<byte[]> binaries = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<String> closes = new CopyOnWriteArrayList<>();
        volatile int pings;
        volatile boolean open = true;
        /** null: written; a pending future: never written; a failed one: failed. */
        volatile CompletableFuture<Void> next;

        private CompletableFuture<Void> result() {
            CompletableFuture<Void> n = next;
            return n != null ? n : CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> sendBinary(byte[] message) {
            binaries.add(message);
            return result();
        }

        @Override
        public CompletableFuture<Void> sendText(String message) {
            texts.add(message);
            return result();
        }

        @Override
        public void sendPing() {
            pings++;
        }

        @Override
        public void close(int status, String reason) {
            closes.add(status + " " + reason);
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:5555";
        }
    }
}
