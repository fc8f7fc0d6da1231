package org.megbox.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.megbox.persistence.Codec;
import org.megbox.persistence.KeyValueStore;
import org.megbox.persistence.PersistenceException;

class MapDbDatabaseTest {

    @TempDir
    Path dir;

    private MapDbDatabase db;

    private MapDbDatabase open(boolean mmap) {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), mmap);
        return db;
    }

    private MapDbDatabase reopen(boolean mmap) {
        db.close();
        return open(mmap);
    }

    @AfterEach
    void closeDb() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest(name = "mmap={0}")
    @ValueSource(booleans = {false, true})
    void roundTripAndReopenAfterClose(boolean mmap) {
        open(mmap);
        KeyValueStore<String, String> s = db.store("test.strings", Codec.utf8());
        s.put("b", "二");
        s.put("a", "one");
        assertThat(s.get("a")).contains("one");
        assertThat(s.get("b")).contains("二");
        assertThat(s.get("zz")).isEmpty();

        reopen(mmap);
        KeyValueStore<String, String> again = db.store("test.strings", Codec.utf8());
        assertThat(again.entries()).containsExactly(Map.entry("a", "one"), Map.entry("b", "二"));
        assertThat(db.schemaVersion()).isEqualTo(1);
    }

    @Test
    void longStoreIsSortedAndPages() {
        open(false);
        KeyValueStore<Long, byte[]> s = db.longStore("test.longs", Codec.bytes());
        db.transaction(() -> {
            for (long k = 10; k >= 1; k--) {
                s.put(k, new byte[] {(byte) k});
            }
        });
        assertThat(s.size()).isEqualTo(10);
        assertThat(s.keys()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(s.firstKey()).contains(1L);
        assertThat(s.lastKey()).contains(10L);
        assertThat(s.entriesFrom(4L, 3)).extracting(Map.Entry::getKey).containsExactly(4L, 5L, 6L);
        assertThat(s.entriesFrom(null, 2)).extracting(Map.Entry::getKey).containsExactly(1L, 2L);
        assertThat(s.entriesFrom(9L, 100)).extracting(Map.Entry::getKey).containsExactly(9L, 10L);
        assertThat(s.remove(4L)).isTrue();
        assertThat(s.remove(4L)).isFalse();
        assertThat(s.containsKey(4L)).isFalse();
        s.clear();
        assertThat(s.size()).isZero();
        assertThat(s.lastKey()).isEmpty();
    }

    @Test
    void transactionCommitsEverythingAndReturnsItsResult() {
        open(false);
        KeyValueStore<String, String> s = db.store("test.tx", Codec.utf8());
        int n = db.transaction(() -> {
            s.put("x", "1");
            s.put("y", "2");
            return 2;
        });
        assertThat(n).isEqualTo(2);
        reopen(false);
        assertThat(db.store("test.tx", Codec.utf8()).entries()).containsOnlyKeys("x", "y");
    }

    @Test
    void rollbackLeavesNothingAndRethrowsTheSameException() {
        open(false);
        KeyValueStore<String, String> s = db.store("test.rb", Codec.utf8());
        s.put("kept", "before");
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> db.transaction(() -> {
            s.put("kept", "changed");
            s.put("new", "value");
            s.remove("kept");
            throw boom;
        })).isSameAs(boom);

        assertThat(s.entries()).containsExactly(Map.entry("kept", "before"));
        reopen(false);
        assertThat(db.store("test.rb", Codec.utf8()).entries()).containsExactly(Map.entry("kept", "before"));
    }

    @Test
    void checkedExceptionIsWrappedAndRolledBack() {
        open(false);
        KeyValueStore<String, String> s = db.store("test.checked", Codec.utf8());
        assertThatThrownBy(() -> db.transaction(() -> {
            s.put("a", "1");
            throw new IOException("disk");
        })).isInstanceOf(PersistenceException.class).hasCauseInstanceOf(IOException.class);
        assertThat(s.size()).isZero();
    }

    @Test
    void nestedTransactionJoinsTheOuterOne() {
        open(false);
        KeyValueStore<String, String> s = db.store("test.nested", Codec.utf8());
        assertThatThrownBy(() -> db.transaction(() -> {
            db.transaction(() -> s.put("inner", "1"));
            s.put("outer", "2");
            throw new IllegalArgumentException("outer fails");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.size()).isZero();
    }

    @Test
    void aWriteOutsideTheTransactionWaitsAndIsNotCommittedWithIt() throws Exception {
        open(false);
        KeyValueStore<String, String> s = db.store("test.lanes", Codec.utf8());
        CountDownLatch inTx = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> tx = pool.submit(() -> db.transaction(() -> {
                s.put("tx", "uncommitted");
                inTx.countDown();
                release.await();
                throw new IllegalStateException("roll back");
            }));
            assertThat(inTx.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> single = pool.submit(() -> s.put("single", "committed"));
            // the single write must wait for the transaction's lock
            Thread.sleep(100);
            assertThat(single.isDone()).isFalse();
            release.countDown();
            single.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(tx::get).hasCauseInstanceOf(IllegalStateException.class);
        } finally {
            pool.shutdownNow();
        }
        reopen(false);
        assertThat(db.store("test.lanes", Codec.utf8()).entries()).containsExactly(Map.entry("single", "committed"));
    }

    @Test
    void aStoreKeepsItsKeyKind() {
        open(false);
        db.store("test.kind", Codec.utf8()).put("a", "1");
        assertThatThrownBy(() -> db.longStore("test.kind", Codec.utf8())).isInstanceOf(IllegalArgumentException.class);
        reopen(false);
        assertThatThrownBy(() -> db.longStore("test.kind", Codec.utf8())).isInstanceOf(IllegalArgumentException.class);
        assertThat(db.store("test.kind", Codec.utf8()).get("a")).contains("1");
    }

    @Test
    void storesAreCreatedOutsideTransactionsOnly() {
        open(false);
        db.store("test.exists", Codec.utf8());
        db.transaction(() -> {
            assertThat(db.store("test.exists", Codec.utf8()).size()).isZero();
            assertThatThrownBy(() -> db.store("test.missing", Codec.utf8())).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void illegalStoreNamesAreRefused() {
        open(false);
        for (String name : List.of("", "__meta", "_x", "a/b", "a#b", "x".repeat(65))) {
            assertThatThrownBy(() -> db.store(name, Codec.utf8())).as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aClosedDatabaseRefusesWork() {
        open(false);
        KeyValueStore<String, String> s = db.store("test.closed", Codec.utf8());
        db.close();
        db.close(); // idempotent
        assertThatThrownBy(() -> s.get("a")).isInstanceOf(PersistenceException.class);
        assertThatThrownBy(() -> s.put("a", "b")).isInstanceOf(PersistenceException.class);
        assertThatThrownBy(() -> db.transaction(() -> 1)).isInstanceOf(PersistenceException.class);
        db = null;
    }

    @Test
    void migrationHookRunsOnceAndRecordsTheVersion() {
        Path file = dir.resolve("db/megbox.db");
        new MapDbDatabase(file, false).close(); // version 1 layout
        AtomicInteger runs = new AtomicInteger();
        SchemaMigration oneToTwo = new SchemaMigration() {
            @Override
            public int fromVersion() {
                return 1;
            }

            @Override
            public void migrate(org.mapdb.DB mapdb) {
                runs.incrementAndGet();
            }
        };
        MapDbDatabase v2 = new MapDbDatabase(file, false, 2, List.of(oneToTwo));
        assertThat(v2.schemaVersion()).isEqualTo(2);
        v2.close();
        v2 = new MapDbDatabase(file, false, 2, List.of(oneToTwo));
        assertThat(v2.schemaVersion()).isEqualTo(2);
        v2.close();
        assertThat(runs).hasValue(1);

        // and this version refuses the newer file instead of misreading it
        assertThatThrownBy(() -> new MapDbDatabase(file, false))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("newer");
    }

    @Test
    void aFailedMigrationLeavesTheOldVersion() {
        Path file = dir.resolve("db/megbox.db");
        new MapDbDatabase(file, false).close();
        SchemaMigration failing = new SchemaMigration() {
            @Override
            public int fromVersion() {
                return 1;
            }

            @Override
            public void migrate(org.mapdb.DB mapdb) {
                throw new IllegalStateException("bad step");
            }
        };
        assertThatThrownBy(() -> new MapDbDatabase(file, false, 2, List.of(failing)))
                .isInstanceOf(PersistenceException.class);
        assertThat(open(false).schemaVersion()).isEqualTo(1);
    }

    @Test
    void dataFolderComesFromTheFrameworkProperty() {
        assertThat(MapDbDatabase.databaseFile("/srv/box")).isEqualTo(Path.of("/srv/box/db/megbox.db"));
        assertThat(MapDbDatabase.databaseFile(null)).isEqualTo(Path.of("data/db/megbox.db").toAbsolutePath());
    }
}
