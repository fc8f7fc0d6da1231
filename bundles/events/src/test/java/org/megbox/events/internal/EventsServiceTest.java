package org.megbox.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.megbox.events.internal.TestSupport.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.api.analysis.Frame;
import org.megbox.events.EventStoreListener;
import org.megbox.events.StoredEvent;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.video.ConnectionStatus;
import org.megbox.video.VideoChannel;

/** The store over the real database: pictures before records, caps, orphans, the sink's non-blocking hand-over. */
class EventsServiceTest {

    private static final long T0 = 1_764_000_000_000L;

    @TempDir
    Path dir;

    private MapDbDatabase db;
    private EventsService service;
    private final TestSupport.Config config = new TestSupport.Config();

    @BeforeEach
    void open() {
        start();
    }

    private void start() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        service = new EventsService(db, dir, config);
        service.channelNames(n -> "chn" + n);
    }

    private void restart() {
        service.close();
        db.close();
        start();
    }

    @AfterEach
    void close() {
        service.close();
        db.close();
    }

    private void storeEvents(int n) throws InterruptedException {
        long before = service.stats().stored();
        for (int i = 0; i < n; i++) {
            Frame f = TestSupport.frame(1, 100 + i, T0 + i * 1000L, 160, 120);
            service.accept(TestSupport.intrusion(1, 7 + i, T0 + i * 1000L), f);
        }
        await(() -> service.stats().stored() + service.stats().dropped() >= before + n, n + " events stored");
    }

    private List<Path> pictureFiles() throws Exception {
        Path root = dir.resolve("pictures");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void anEventIsStoredWithItsShapeAndBothPictures() throws Exception {
        storeEvents(1);
        StoredEvent e = service.eventsAfter(0, 10).get(0);
        assertThat(e.id()).isEqualTo(1);
        assertThat(e.deviceId()).matches("[0-9A-F]{12}0{8}");
        assertThat(e.videoNo()).isEqualTo(1);
        assertThat(e.channelName()).isEqualTo("chn1");
        assertThat(e.alertorType()).isEqualTo("intrusion");
        assertThat(e.areaType()).isEqualTo("polygon");
        assertThat(e.targetType()).isEqualTo("person");
        assertThat(e.targetId()).isEqualTo(7);
        // 0.6..0.7 x 0.5..0.8 of 160x120
        assertThat(e.points()).containsExactly(new StoredEvent.PixelPoint(96, 60), new StoredEvent.PixelPoint(112, 96));
        assertThat(e.pts()).isEqualTo(100 * 40);
        assertThat(e.dts()).isEqualTo(e.pts());
        assertThat(e.recvTs()).isEqualTo(T0);
        assertThat(e.timestamp()).isEqualTo(T0);
        assertThat(e.trackIdTimes()).isEqualTo(1);
        assertThat(e.width()).isEqualTo(160);
        assertThat(service.picture(e.fullPicture())).isPresent();
        assertThat(service.picture(e.cropPicture())).isPresent();
        assertThat(pictureFiles()).hasSize(2);
        assertThat(service.lastId()).isEqualTo(1);
    }

    @Test
    void recordsSurviveARestartAndTheDeviceIdStays() throws Exception {
        storeEvents(3);
        String deviceId = service.deviceId();
        restart();
        assertThat(service.size()).isEqualTo(3);
        assertThat(service.deviceId()).isEqualTo(deviceId);
        storeEvents(1);
        assertThat(service.lastId()).isEqualTo(4);
        assertThat(service.eventsAfter(2, 10)).extracting(StoredEvent::id).containsExactly(3L, 4L);
    }

    @Test
    void trackIdTimesCountsTheEventsOfOneTarget() throws Exception {
        for (int i = 0; i < 3; i++) {
            service.accept(TestSupport.intrusion(2, 42, T0 + i), TestSupport.frame(2, i, T0 + i, 64, 48));
        }
        await(() -> service.size() == 3, "3 stored");
        assertThat(service.eventsAfter(0, 10)).extracting(StoredEvent::trackIdTimes).containsExactly(1, 2, 3);
        restart();
        service.accept(TestSupport.intrusion(2, 42, T0 + 9), TestSupport.frame(2, 9, T0 + 9, 64, 48));
        await(() -> service.size() == 4, "4 stored");
        assertThat(service.event(4)).hasValueSatisfying(e -> assertThat(e.trackIdTimes()).isEqualTo(4));
    }

    @Test
    void theCapRecyclesTheOldestEventsAndTheirPictures() throws Exception {
        config.maxEvents = 5;
        storeEvents(8);
        await(() -> service.size() == 5, "cap applied");
        assertThat(service.eventsAfter(0, 100)).extracting(StoredEvent::id).containsExactly(4L, 5L, 6L, 7L, 8L);
        // records go first (committed), their files right after
        await(() -> {
            try {
                return pictureFiles().size() == 10;
            } catch (Exception e) {
                return false;
            }
        }, "the recycled events' files deleted");
        assertThat(service.stats().recycled()).isEqualTo(3);
    }

    @Test
    void thePictureBytesCapRecyclesOldestFirst() throws Exception {
        storeEvents(4);
        long perEvent = service.repository().pictureBytes() / 4;
        config.maxPictureBytes = perEvent * 2 + perEvent / 2; // room for two
        service.enforceCaps();
        assertThat(service.eventsAfter(0, 100)).extracting(StoredEvent::id).containsExactly(3L, 4L);
        assertThat(service.repository().pictureBytes()).isLessThanOrEqualTo(config.maxPictureBytes);
        assertThat(pictureFiles()).hasSize(4);
    }

    @Test
    void aFullDiskRecyclesTheOldestButKeepsTheNewest() throws Exception {
        config.minFreeDiskPercent = 10;
        storeEvents(6);
        service.diskPressure(() -> 5, 3); // 5 % free: too little
        await(() -> service.size() == 3, "disk pressure applied");
        assertThat(service.eventsAfter(0, 100)).extracting(StoredEvent::id).containsExactly(4L, 5L, 6L);
        service.diskPressure(() -> 50, 3);
        storeEvents(2);
        Thread.sleep(1200); // a disk check ran meanwhile
        assertThat(service.size()).isEqualTo(5);
    }

    @Test
    void orphanPicturesAreDeletedAtStartAndReferencedOnesKept() throws Exception {
        storeEvents(2);
        // what a crash leaves: pictures written for ids never committed, a temporary, a deleted record's files
        Pictures p = new Pictures(dir.resolve("pictures"), false);
        p.write(Pictures.uri(3, 1, 99, T0, Pictures.Kind.FULL), new byte[] {1});
        p.write(Pictures.uri(3, 1, 99, T0, Pictures.Kind.CROP), new byte[] {1});
        Path tmp = dir.resolve("pictures").resolve(p.resolve(Pictures.uri(4, 1, 9, T0, Pictures.Kind.FULL)).get()
                .getParent().toString().substring(dir.resolve("pictures").toString().length() + 1))
                .resolve(".tmp-4_1_9_full.jpg");
        Files.write(tmp, new byte[] {1});
        assertThat(pictureFiles()).hasSize(7);
        restart();
        await(() -> service.stats().orphansDeleted() == 3, "orphans deleted");
        assertThat(pictureFiles()).hasSize(4);
        for (StoredEvent e : service.eventsAfter(0, 10)) {
            assertThat(service.picture(e.fullPicture())).isPresent();
            assertThat(service.picture(e.cropPicture())).isPresent();
        }
        // the next event does not reuse a committed id
        storeEvents(1);
        assertThat(service.lastId()).isEqualTo(3);
    }

    @Test
    void theSinkNeverBlocksAFullQueueDropsTheOldestAndCounts() throws Exception {
        restartWith(4);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writerInListener = new CountDownLatch(1);
        service.addListener(event -> {
            writerInListener.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        service.accept(TestSupport.intrusion(1, 1, T0), TestSupport.frame(1, 1, T0, 320, 240));
        writerInListener.await();
        // the writer is stuck: 100 more events must neither block nor grow the queue beyond 4
        long worst = 0;
        for (int i = 2; i <= 101; i++) {
            Frame f = TestSupport.frame(1, i, T0 + i, 320, 240);
            long t = System.nanoTime();
            service.accept(TestSupport.intrusion(1, i, T0 + i), f);
            worst = Math.max(worst, System.nanoTime() - t);
        }
        assertThat(service.queue().size()).isEqualTo(4);
        assertThat(service.stats().dropped()).isEqualTo(96);
        assertThat(worst / 1_000_000).as("worst accept() ms while the writer is stuck").isLessThan(200);
        release.countDown();
        await(() -> service.size() == 5, "the first and the 4 newest stored");
        assertThat(service.eventsAfter(0, 10)).extracting(StoredEvent::targetId).containsExactly(1L, 98L, 99L, 100L,
                101L);
    }

    private void restartWith(int queueMax) {
        config.queueMaxEvents = queueMax;
        restart();
    }

    @Test
    void eventsOfOneFrameShareOneCopyAndOneFullPicture() throws Exception {
        Frame f = TestSupport.frame(1, 5, T0, 160, 120);
        service.accept(TestSupport.intrusion(1, 1, T0), f);
        service.accept(TestSupport.event(1, 2, T0, "intrusion", "car", 14), f);
        await(() -> service.size() == 2, "2 stored");
        List<StoredEvent> all = service.eventsAfter(0, 10);
        assertThat(all.get(0).fullPicture()).isNotEqualTo(all.get(1).fullPicture());
        assertThat(service.picture(all.get(0).fullPicture()).get())
                .isEqualTo(service.picture(all.get(1).fullPicture()).get());
    }

    @Test
    void aDeletedChannelTakesItsEventsWithIt() throws Exception {
        storeEvents(2);
        service.accept(TestSupport.intrusion(3, 1, T0), TestSupport.frame(3, 1, T0, 64, 48));
        await(() -> service.size() == 3, "3 stored");
        service.channelRemoved(new VideoChannel(1, "chn1", "rtsp://x", "", "", "", 0, false,
                ConnectionStatus.values()[0]));
        await(() -> service.size() == 1, "channel 1 deleted");
        assertThat(service.eventsAfter(0, 10)).extracting(StoredEvent::videoNo).containsExactly(3);
        await(() -> {
            try {
                return pictureFiles().size() == 2;
            } catch (Exception e) {
                return false;
            }
        }, "channel 1's pictures deleted");
    }

    @Test
    void listenersHearOfCommittedEventsOnly() throws Exception {
        List<StoredEvent> heard = new ArrayList<>();
        EventStoreListener l = e -> {
            assertThat(service.event(e.id())).isPresent(); // committed and visible before listeners run
            heard.add(e);
        };
        service.addListener(l);
        storeEvents(2);
        await(() -> heard.size() == 2, "2 heard");
        assertThat(heard).extracting(StoredEvent::id).containsExactly(1L, 2L);
    }

    @Test
    void anEventWithoutAFrameIsStoredWithoutPictures() throws Exception {
        service.accept(TestSupport.intrusion(1, 1, T0), null);
        await(() -> service.size() == 1, "stored");
        StoredEvent e = service.event(1).orElseThrow();
        assertThat(e.fullPicture()).isNull();
        assertThat(e.cropPicture()).isNull();
        assertThat(e.points()).isEmpty();
    }
}
