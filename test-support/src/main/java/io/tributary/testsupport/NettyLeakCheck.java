package io.tributary.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty's leak detector reports a buffer that was garbage collected without being
 * released. Registered for every test class through JUnit's extension auto-detection (the service file in
 * this module and {@code junit.jupiter.extensions.autodetection.enabled=true} in the Surefire setup).
 *
 * <p>Netty reports a leak when it tracks a new buffer after the leaked one was collected, and logs it at
 * ERROR with a message starting with {@code LEAK:}. After each test class this check runs the collector,
 * allocates a few buffers so that pending reports are logged, and fails on any report seen since the
 * class started.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {

    private static final String REPORT_PREFIX = "LEAK:";
    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        assertNoLeaks(context.getDisplayName());
    }

    /** Starts collecting leak reports; reports logged before this call are not seen. */
    public static void start() {
        install();
        REPORTS.clear();
    }

    /**
     * Throws an AssertionError naming {@code scope} when Netty reported a leak since {@link #start()}.
     * Runs the garbage collector first so that buffers dropped without a release are found.
     */
    public static void assertNoLeaks(String scope) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20);
            touchAllocators();
        }
        if (!REPORTS.isEmpty()) {
            String first = REPORTS.get(0);
            int count = REPORTS.size();
            REPORTS.clear();
            throw new AssertionError("Netty reported " + count + " leaked buffer(s) in " + scope
                    + "; the first report:\n" + first);
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        LeakReportAppender appender = new LeakReportAppender();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        installed = true;
    }

    /** Allocates and frees buffers so the leak detectors drain their queues of collected buffers. */
    private static void touchAllocators() {
        for (int i = 0; i < 16; i++) {
            ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            pooled.release();
            ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(64);
            unpooled.release();
        }
    }

    private static final class LeakReportAppender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            String message = event.getFormattedMessage();
            if (message != null && message.startsWith(REPORT_PREFIX)) {
                REPORTS.add(message);
            }
        }
    }
}
