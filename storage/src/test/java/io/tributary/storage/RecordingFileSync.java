package io.tributary.storage;

import io.tributary.storage.file.FileSync;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Real forces that are counted, recorded and optionally held until released. */
final class RecordingFileSync implements FileSync {

    final AtomicInteger forces = new AtomicInteger();
    final List<Path> syncedDirectories = new CopyOnWriteArrayList<>();
    final AtomicInteger blockedCalls = new AtomicInteger();
    private volatile CountDownLatch gate;
    private volatile long forceDelayMs;
    private volatile IOException failure;

    @Override
    public void force(FileChannel channel) throws IOException {
        awaitGate();
        if (failure != null) {
            throw failure;
        }
        forces.incrementAndGet();
        FileSync.system().force(channel);
        if (forceDelayMs > 0) {
            sleep(forceDelayMs);
        }
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        awaitGate();
        syncedDirectories.add(directory.toAbsolutePath());
        FileSync.system().syncDirectory(directory);
    }

    /** Makes every later force and directory sync wait until {@link #unblock()}. */
    void block() {
        gate = new CountDownLatch(1);
    }

    void unblock() {
        CountDownLatch current = gate;
        gate = null;
        if (current != null) {
            current.countDown();
        }
    }

    /** Makes each force take at least this long, like a slow disk, so appends pile up behind it. */
    void delayForces(long millis) {
        forceDelayMs = millis;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while delaying a force", e);
        }
    }

    void failWith(IOException e) {
        failure = e;
    }

    private void awaitGate() throws IOException {
        CountDownLatch current = gate;
        if (current == null) {
            return;
        }
        blockedCalls.incrementAndGet();
        try {
            if (!current.await(30, TimeUnit.SECONDS)) {
                throw new IOException("Test gate was not opened within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while blocked", e);
        } finally {
            blockedCalls.decrementAndGet();
        }
    }
}
