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

    /** A page with more to follow and no resume token (tests, single-page probes). */
    public Page(int number, List<JsonNode> records) {
        this(number, records, Position.MORE);
    }

    /** Where the source continues after this page (null after the last one). */
    public String resumeToken() {
        return position.resumeToken();
    }

    /**
     * A page kept as the records' source bytes, exactly as the API sent each one ({@code body} from
     * {@code starts[i]} to {@code ends[i]}, UTF-8): a record's tree is parsed only when it is read
     * ({@link #records()}), so a page waiting to be loaded holds its answer's bytes, not trees, and a
     * record whose source is what was stored last time need not be parsed into a row.
     */
    public static Page ofSources(int number, byte[] body, int[] starts, int[] ends, Position position) {
        return new Page(number, new SourceTexts(body, starts, ends), position);
    }

    /** The source text of record {@code index} as the API sent it, or null when the page holds trees only. */
    public SourceText text(int index) {
        return records instanceof SourceTexts texts ? texts.text(index) : null;
    }

    /** The 128-bit MurmurHash3 of record {@code index}'s source bytes, or null when the page holds trees only. */
    public long[] sourceHash(int index) {
        return records instanceof SourceTexts texts ? texts.hash(index) : null;
    }

    /**
     * Only the named top-level fields of record {@code index}, read from its source without building
     * the rest of its tree (an object holding those found), or null when the page holds trees only.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode fields(int index, java.util.Set<String> names) {
        return records instanceof SourceTexts texts ? texts.fields(index, names) : null;
    }

    /** Records as slices of the answer's bytes, each parsed when read (not kept: reading twice parses twice). */
    private static final class SourceTexts extends java.util.AbstractList<JsonNode> implements java.util.RandomAccess {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        private final byte[] body;
        private final int[] starts;
        private final int[] ends;

        SourceTexts(byte[] body, int[] starts, int[] ends) {
            if (starts.length != ends.length) {
                throw new IllegalArgumentException(starts.length + " starts but " + ends.length + " ends");
            }
            this.body = body;
            this.starts = starts.clone();
            this.ends = ends.clone();
        }

        SourceText text(int index) {
            return new SourceText(body, starts[index], ends[index]);
        }

        long[] hash(int index) {
            return org.apache.commons.codec.digest.MurmurHash3.hash128x64(body, starts[index], ends[index] - starts[index], 0);
        }

        com.fasterxml.jackson.databind.node.ObjectNode fields(int index, java.util.Set<String> names) {
            com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
            try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(body, starts[index],
                    ends[index] - starts[index])) {
                parser.nextToken();
                while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && out.size() < names.size()) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (names.contains(name)) {
                        out.set(name, parser.readValueAsTree());
                    } else {
                        parser.skipChildren();
                    }
                }
                return out;
            } catch (java.io.IOException e) {
                throw new IllegalStateException("record " + index + " of a parsed page no longer parses", e);
            }
        }

        @Override
        public JsonNode get(int index) {
            try {
                return JSON.readTree(body, starts[index], ends[index] - starts[index]);
            } catch (java.io.IOException e) {
                // the slice was cut out of a page that parsed: it cannot be invalid
                throw new IllegalStateException("record " + index + " of a parsed page no longer parses", e);
            }
        }

        @Override
        public int size() {
            return starts.length;
        }
    }
}
