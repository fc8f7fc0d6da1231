package org.megbox.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.megbox.rest.Access;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteGateTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Starts a write that holds the gate until {@code release} opens; returns once it holds it. */
    private Future<String> holdingWrite(WriteGate gate, CountDownLatch release) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        Future<String> f = pool.submit(() -> gate.call(Access.WRITE, () -> {
            inside.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            return "first";
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        return f;
    }

    @Test
    void aSecondWriterIsRefusedAfterTheBoundedWaitWhileAReaderProceeds() throws Exception {
        WriteGate gate = new WriteGate(100);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdingWrite(gate, release);

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> gate.call(Access.WRITE, () -> "second"));
        assertThat(refused).isNotNull();
        assertThat(refused.error()).isEqualTo(ErrorCode.NO_ACCESS);
        assertThat(refused.getMessage()).isEqualTo("NO_ACCESS");

        // the write is still running, and a read does not wait for it
        assertThat(gate.writing()).isTrue();
        assertThat(gate.call(Access.READ, () -> "read")).isEqualTo("read");

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(gate.call(Access.WRITE, () -> "third")).isEqualTo("third");
        assertThat(gate.writing()).isFalse();
    }

    @Test
    void aWriterWaitingWithinTheBoundGetsItsTurn() throws Exception {
        WriteGate gate = new WriteGate(10_000);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdingWrite(gate, release);

        Future<String> second = pool.submit(() -> gate.call(Access.WRITE, () -> "second"));
        release.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    }

    @Test
    void aFailingWriteReleasesTheGate() throws Exception {
        WriteGate gate = new WriteGate(0);
        catchThrowableOfType(IllegalStateException.class, () -> gate.call(Access.WRITE, () -> {
            throw new IllegalStateException("boom");
        }));
        assertThat(gate.writing()).isFalse();
        assertThat(gate.call(Access.WRITE, () -> "next")).isEqualTo("next");
    }

    @Test
    void anInterruptedWaitIsRefusedAndKeepsTheInterrupt() throws Exception {
        WriteGate gate = new WriteGate(10_000);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdingWrite(gate, release);
        Thread.currentThread().interrupt();
        try {
            ApiException e = catchThrowableOfType(ApiException.class, () -> gate.call(Access.WRITE, () -> "x"));
            assertThat(e.error()).isEqualTo(ErrorCode.NO_ACCESS);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
            release.countDown();
        }
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theWaitCanBeChangedAtRunTime() {
        WriteGate gate = new WriteGate(5_000);
        gate.setWaitMillis(250);
        assertThat(gate.waitMillis()).isEqualTo(250);
        gate.setWaitMillis(-3);
        assertThat(gate.waitMillis()).isZero();
    }
}
