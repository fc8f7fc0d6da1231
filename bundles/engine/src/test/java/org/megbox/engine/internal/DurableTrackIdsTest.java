package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.engine.TrackIdRange;
import org.megbox.engine.TrackIds;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.megbox.persistence.UnitOfWork;
import org.megbox.persistence.internal.MapDbDatabase;

class DurableTrackIdsTest {

    @TempDir
    Path dir;
    MapDbDatabase db;
    DurableTrackIds service;

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        service = new DurableTrackIds(db);
    }

    @AfterEach
    void close() {
        service.close();
        db.close();
    }

    static List<Long> take(TrackIds ids, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ids.next());
        }
        return out;
    }

    static void assertIncreasing(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id %d", i).isGreaterThan(ids.get(i - 1));
        }
    }

    @Test
    void theRangesAreDisjointAndFitA32BitInt() {
        TrackIdRange previous = null;
        for (TrackIdRange r : TrackIdRange.values()) {
            assertThat(r.first()).isPositive().isLessThan(r.last());
            assertThat(r.last()).isLessThan(Integer.MAX_VALUE);
            if (previous != null) {
                assertThat(r.first()).isGreaterThan(previous.last());
            }
            previous = r;
        }
        assertThat(TrackIdRange.RULES.first()).as("above the ids of the boxes before engine API 1.4")
                .isGreaterThan(3_000_000 + 1_000_000);
    }

    @Test
    void idsStartAtTheRangeAndIncrease() {
        List<Long> ids = take(service.ids(TrackIdRange.FACE), 2_500);
        assertThat(ids.get(0)).isEqualTo(TrackIdRange.FACE.first());
        assertIncreasing(ids);
        assertThat(service.ids(TrackIdRange.FACE)).as("one allocator per range").isSameAs(service.ids(TrackIdRange.FACE));
        assertThat(service.ids(TrackIdRange.RULES).next()).isEqualTo(TrackIdRange.RULES.first());
        assertThat(service.ids(TrackIdRange.STRUCTURE).next()).isEqualTo(TrackIdRange.STRUCTURE.first());
    }

    @Test
    void idsKeepIncreasingAcrossARestartWithTheSameDatabase() {
        List<Long> before = take(service.ids(TrackIdRange.STRUCTURE), 1_700);
        close();
        open();
        List<Long> after = take(service.ids(TrackIdRange.STRUCTURE), 10);
        assertThat(after.get(0)).isGreaterThan(before.get(before.size() - 1));
        assertIncreasing(after);
        // 1 700 used: the second block in use, the third reserved ahead (close waited for it): start after it
        assertThat(after.get(0)).isEqualTo(TrackIdRange.STRUCTURE.first() + 3 * BlockTrackIds.BLOCK);
        assertThat(service.ids(TrackIdRange.RULES).next()).as("the other ranges are untouched")
                .isEqualTo(TrackIdRange.RULES.first());
    }

    @Test
    void aCrashLosesTheReservedIdsButNeverRepeatsOne() throws Exception {
        TrackIds running = service.ids(TrackIdRange.RULES);
        List<Long> used = take(running, 700); // past half a block: the next block is being reserved ahead
        KeyValueStore<String, Long> marks = db.store(DurableTrackIds.STORE, DurableTrackIds.DECIMAL);
        long reservedAhead = TrackIdRange.RULES.first() + 2 * BlockTrackIds.BLOCK;
        for (int i = 0; i < 500 && marks.get("rules").orElse(0L) < reservedAhead; i++) {
            Thread.sleep(10);
        }
        assertThat(marks.get("rules")).as("the next block was reserved ahead").contains(reservedAhead);
        // the box dies here without closing anything; what the next start sees is what was committed
        DurableTrackIds restarted = new DurableTrackIds(db);
        List<Long> after = take(restarted.ids(TrackIdRange.RULES), 1_500);
        restarted.close();
        assertThat(after.get(0)).as("ids reserved before the crash are skipped")
                .isGreaterThan(used.get(used.size() - 1) + 1);
        Set<Long> all = new HashSet<>(used);
        after.forEach(id -> assertThat(all.add(id)).as("id %d handed out twice", id).isTrue());
        assertIncreasing(after);
    }

    @Test
    void concurrentTrackersGetUniqueIds() throws Exception {
        TrackIds ids = service.ids(TrackIdRange.FACE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Callable<List<Long>> channel = () -> take(ids, 5_000);
                runs.add(pool.submit(channel));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> r : runs) {
                List<Long> one = r.get();
                assertIncreasing(one);
                all.addAll(one);
            }
            assertThat(all).hasSize(20_000);
            assertThat(all).allMatch(TrackIdRange.FACE::contains);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void commitsOncePerBlockNotPerId() {
        CountingDatabase counting = new CountingDatabase(db);
        DurableTrackIds s = new DurableTrackIds(counting);
        take(s.ids(TrackIdRange.RULES), 10_000);
        s.close();
        assertThat(counting.transactions.get()).isBetween(10, 12);
    }

    @Test
    void aUsedUpRangeStartsAgainAtItsFirstId() {
        KeyValueStore<String, Long> marks = db.store(DurableTrackIds.STORE, DurableTrackIds.DECIMAL);
        marks.put("face", TrackIdRange.FACE.last() - 9);
        close();
        open();
        List<Long> ids = take(service.ids(TrackIdRange.FACE), 12);
        assertThat(ids.get(0)).isEqualTo(TrackIdRange.FACE.first());
        assertIncreasing(ids);
    }

    @Test
    void trackersOfSeveralChannelsSharingARangeNeverGiveTheSameId() {
        TrackIds ids = service.ids(TrackIdRange.RULES);
        Tracker a = new Tracker(1, 8, 0.1, ids);
        Tracker b = new Tracker(1, 8, 0.1, ids);
        List<org.megbox.api.analysis.Detection> one = List.of(new org.megbox.api.analysis.Detection("person", 0.9f,
                new org.megbox.api.geometry.Box(0.1, 0.1, 0.2, 0.2)));
        long idA = a.update(0, one).get(0).id();
        long idB = b.update(0, one).get(0).id();
        assertThat(idA).isNotEqualTo(idB);
        assertThat(List.of(idA, idB)).allMatch(TrackIdRange.RULES::contains);
    }

    /** Counts the transactions (commits) of a database. */
    static final class CountingDatabase implements Database {
        final Database inner;
        final AtomicInteger transactions = new AtomicInteger();

        CountingDatabase(Database inner) {
            this.inner = inner;
        }

        @Override
        public <V> KeyValueStore<String, V> store(String name, Codec<V> codec) {
            return inner.store(name, codec);
        }

        @Override
        public <V> KeyValueStore<Long, V> longStore(String name, Codec<V> codec) {
            return inner.longStore(name, codec);
        }

        @Override
        public <T> T transaction(UnitOfWork<T> work) {
            transactions.incrementAndGet();
            return inner.transaction(work);
        }

        @Override
        public int schemaVersion() {
            return inner.schemaVersion();
        }
    }
}
