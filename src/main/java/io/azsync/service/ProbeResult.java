package io.azsync.service;

/** One check of test-connection: what was probed, whether it passed, and the detail (the fix when it failed). */
public record ProbeResult(String name, boolean ok, String detail) {
}
