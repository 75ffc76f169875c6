package io.azsync.transform;

import java.util.List;

/**
 * One source page mapped by several transform maps (a table each), loaded by the sink in one
 * transaction: the first is the stream's own map, whose position and record count stand for the page.
 */
public record MappedPages(List<MappedPage> pages) {

    public MappedPages {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("a mapped source page needs at least one map");
        }
        pages = List.copyOf(pages);
    }

    /** The pages of a body holding a {@link MappedPage} or {@link MappedPages}. */
    public static List<MappedPage> of(Object body) {
        if (body instanceof MappedPages several) {
            return several.pages();
        }
        if (body instanceof MappedPage one) {
            return List.of(one);
        }
        throw new IllegalArgumentException("expected a mapped page in the body (a transform-map step before this one), got "
                + (body == null ? "nothing" : body.getClass().getSimpleName()));
    }
}
