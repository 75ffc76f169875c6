package io.azsync.source;

import java.util.concurrent.ExecutorService;

import org.apache.camel.support.DefaultComponent;

/**
 * A source component whose endpoints read the next page ahead: the threads come from Camel's
 * ExecutorServiceManager when the component starts and go when it stops.
 */
abstract class ReadAheadComponent extends DefaultComponent {

    private ExecutorService readAhead;

    /** Threads that read the next page ahead. */
    ExecutorService readAheadExecutor() {
        return readAhead;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        readAhead = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "azsync-read-ahead");
    }

    @Override
    protected void doStop() throws Exception {
        if (readAhead != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(readAhead);
            readAhead = null;
        }
        super.doStop();
    }
}
