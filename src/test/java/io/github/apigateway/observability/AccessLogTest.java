package io.github.apigateway.observability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogTest {

    private final Logger logger = Logger.getLogger(AccessLog.LOGGER);
    private final CountDownLatch handlerMayGoOn = new CountDownLatch(1);
    private final CountDownLatch handlerBusy = new CountDownLatch(1);
    private final List<String> written = new CopyOnWriteArrayList<>();
    /** A slow log handler: it holds the writer thread on the first line until the test lets it go on. */
    private final Handler slowHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            handlerBusy.countDown();
            try {
                handlerMayGoOn.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    AccessLogTest() {
        logger.addHandler(slowHandler);
    }

    @AfterEach
    void removeHandler() {
        handlerMayGoOn.countDown();
        logger.removeHandler(slowHandler);
    }

    private static AccessLogEntry entry(String requestId) {
        return new AccessLogEntry(0, "GET", "/", null, 200, 1, "127.0.0.1", null, null, "r", requestId, null);
    }

    @Test
    void dropsAndCountsEntriesWhileTheQueueIsFullWithoutWaiting() throws InterruptedException {
        AccessLog log = AccessLog.start(2);
        log.offer(entry("taken-by-the-writer"));
        handlerBusy.await();
        log.offer(entry("queued-1"));
        log.offer(entry("queued-2"));
        log.offer(entry("dropped"));
        assertEquals(1, log.dropped());
        handlerMayGoOn.countDown();
        log.close();
    }

    @Test
    void writesTheQueuedEntriesWhenClosed() throws InterruptedException {
        AccessLog log = AccessLog.start(4);
        log.offer(entry("first"));
        handlerBusy.await();
        log.offer(entry("second"));
        handlerMayGoOn.countDown();
        log.close();
        assertEquals(2, written.size(), written.toString());
        assertTrue(written.get(1).contains("\"gateway.request_id\":\"second\""), written.toString());
    }
}
