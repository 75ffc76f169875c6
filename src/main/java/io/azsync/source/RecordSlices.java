package io.azsync.source;

/**
 * The records of an answer as the API sent them: the decoded body and, per record, where its
 * source starts and ends in it (UTF-8 bytes).
 */
public record RecordSlices(byte[] body, int[] starts, int[] ends) {

    public int size() {
        return starts.length;
    }
}
