package io.azsync.service;

/** One check of test-connection: what was probed, whether it passed, and the detail (the fix when it failed). */
public record ProbeResult(String name, boolean ok, String detail) {

    /** The check as one line of a history entry: {@code name: detail}. */
    public String line() {
        return name + ": " + detail;
    }
}
