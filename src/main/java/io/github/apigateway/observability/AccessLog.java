package io.github.apigateway.observability;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access log: requests hand their entry to a bounded queue and go on; one writer thread formats
 * the entries and writes them to the logger {@code gateway.access}, so a slow log handler never holds up
 * a request. When the queue is full the entry is dropped and counted ({@link #dropped}, a metric), never
 * waited for. Started and stopped with the gateway; stopping writes what is queued, for a bounded time.
 *
 * <p>Threads: any request thread offers; the queue is thread-safe; only the writer thread logs.
 */
public final class AccessLog implements AutoCloseable {

    public static final String LOGGER = "gateway.access";
    static final int CAPACITY = 8192;
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final System.Logger logger = System.getLogger(LOGGER);
    private final BlockingQueue<AccessLogEntry> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean stopping;

    private AccessLog(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::writeUntilStopped, "gateway-access-log");
        writer.setDaemon(true);
    }

    public static AccessLog start() {
        return start(CAPACITY);
    }

    /** The access log of a gateway whose config turns it off: no thread, and {@link #enabled} false. */
    public static AccessLog off() {
        return new AccessLog(1);
    }

    /**
     * Whether entries are written: the access log is on and its logger takes INFO lines. When not, the
     * web layer need not make them (a benchmark turns the logger off in the logging configuration).
     */
    public boolean enabled() {
        return writer.isAlive() && logger.isLoggable(System.Logger.Level.INFO);
    }

    static AccessLog start(int capacity) {
        AccessLog log = new AccessLog(capacity);
        log.writer.start();
        return log;
    }

    /** Queues the entry, or drops and counts it when the writer is that far behind. */
    public void offer(AccessLogEntry entry) {
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void writeUntilStopped() {
        try {
            while (!stopping || !queue.isEmpty()) {
                AccessLogEntry entry = queue.poll(100, TimeUnit.MILLISECONDS);
                if (entry != null) {
                    write(entry);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(AccessLogEntry entry) {
        try {
            if (logger.isLoggable(System.Logger.Level.INFO)) {
                logger.log(System.Logger.Level.INFO, AccessLogLine.format(entry));
            }
        } catch (RuntimeException e) {
            // A failing log handler loses this line; it must not end the writer, or every later line is lost too.
            dropped.incrementAndGet();
        }
    }

    /** Writes the entries still queued, waiting at most {@value #STOP_WAIT_MILLIS} ms, then ends the writer. */
    @Override
    public void close() {
        stopping = true;
        try {
            writer.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }
}
