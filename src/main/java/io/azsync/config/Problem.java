package io.azsync.config;

/**
 * One thing wrong with a file a user edits (route, query, transform map, settings), located so an
 * editor can jump to it: {@code file:line: message}.
 */
public record Problem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
