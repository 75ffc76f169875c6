package io.azsync.run;

/** What started a run; recorded in {@code sync_runs.trigger}. */
public enum Trigger {
    CLI, SCHEDULE, API;

    public String dbValue() {
        return name().toLowerCase();
    }
}
