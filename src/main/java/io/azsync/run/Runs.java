package io.azsync.run;

import org.apache.camel.Exchange;

/** Access to the {@link StreamRun} an exchange carries. */
public final class Runs {

    private Runs() {
    }

    public static StreamRun of(Exchange exchange) {
        StreamRun run = exchange.getProperty(StreamRun.PROPERTY, StreamRun.class);
        if (run == null) {
            throw new IllegalStateException("no stream run on the exchange: stream routes are started by azsync "
                    + "(sync, the scheduler or the API), which opens the run in sync_runs first");
        }
        return run;
    }
}
