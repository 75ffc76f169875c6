package io.azsync.core;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of records as an API returned it; one page is one exchange. Its {@link Position} says
 * where the source continues after it, whether it was the last one, and what a delta source learned
 * (incremental or full, the link the next run starts from): the pager returns it, the sink stores it
 * with the page, and the run records it once the page is committed.
 */
public record Page(int number, List<JsonNode> records, Position position) {

    public Page {
        records = records instanceof SourceTexts ? records : List.copyOf(records);
        position = position == null ? Position.MORE : position;
    }

    /**
     * A page kept as the records' source text, exactly as the API sent each one: a record's tree is
     * parsed only when it is read ({@link #records()}), so a page waiting to be loaded holds text,
     * not trees, and a record whose text is what was stored last time need not be parsed into a row.
     */
    public static Page ofTexts(int number, List<String> texts, Position position) {
        return new Page(number, new SourceTexts(texts), position);
    }

    /** The source text of record {@code index} as the API sent it, or null when the page holds trees only. */
    public String text(int index) {
        return records instanceof SourceTexts texts ? texts.text(index) : null;
    }

    /** Records as their source texts, each parsed when read (not kept: reading twice parses twice). */
    private static final class SourceTexts extends java.util.AbstractList<JsonNode> implements java.util.RandomAccess {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        private final List<String> texts;

        SourceTexts(List<String> texts) {
            this.texts = List.copyOf(texts);
        }

        String text(int index) {
            return texts.get(index);
        }

        @Override
        public JsonNode get(int index) {
            try {
                return JSON.readTree(texts.get(index));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // the text was cut out of a page that parsed: it cannot be invalid
                throw new IllegalStateException("record " + index + " of a parsed page no longer parses", e);
            }
        }

        @Override
        public int size() {
            return texts.size();
        }
    }

    /** A page with more to follow and no resume token (tests, single-page probes). */
    public Page(int number, List<JsonNode> records) {
        this(number, records, Position.MORE);
    }

    /** Where the source continues after this page (null after the last one). */
    public String resumeToken() {
        return position.resumeToken();
    }
}
