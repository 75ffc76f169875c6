package io.azsync.transform;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import io.azsync.core.Page;

/**
 * Maps the records of the {@link Page} in the body to a {@link MappedPage}: rows for the sink, and
 * rejections (with reason and raw record) for records that do not fit the map. Pure: no I/O.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "transform-map", title = "azsync transform map",
             syntax = "transform-map:mapName", producerOnly = true, category = {Category.TRANSFORMATION}, remote = false)
public class TransformMapEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name of the transform map: the file <transform-maps dir>/<mapName>.yaml")
    @Metadata(required = true)
    private String mapName;

    @UriParam(description = "Further transform maps of the same records, comma-separated: each page is mapped by every one "
                            + "(a table each) and the sink loads them in one transaction, so one read fills several tables")
    private String also;

    private final java.util.Map<String, PageMapper> mappers = new java.util.concurrent.ConcurrentHashMap<>();

    public TransformMapEndpoint(String uri, TransformMapComponent component) {
        super(uri, component);
    }

    @Override
    public TransformMapComponent getComponent() {
        return (TransformMapComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        for (String name : mapNames()) {
            mappers.put(name, new PageMapper(getComponent().map(name)));
        }
    }

    /** This endpoint's map, then the ones named by {@code also}. */
    public java.util.List<String> mapNames() {
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(mapName));
        names.addAll(splitNames(also));
        return names;
    }

    /** {@code "a, b"} → [a, b]; null or blank → none. */
    public static java.util.List<String> splitNames(String names) {
        return names == null ? java.util.List.of() : java.util.Arrays.stream(names.split(",")).map(String::trim)
                .filter(n -> !n.isEmpty()).toList();
    }

    public String getMapName() {
        return mapName;
    }

    public void setMapName(String mapName) {
        this.mapName = mapName;
    }

    public String getAlso() {
        return also;
    }

    public void setAlso(String also) {
        this.also = also;
    }

    @Override
    public Producer createProducer() {
        return new MapPageProducer(this);
    }

    /**
     * Maps a page with each map as it is now (a reload replaces the maps; the endpoint follows):
     * the {@link MappedPage}, or {@link MappedPages} when {@code also} names further maps. Within a
     * run ({@code run} not null) each map's page is compared with its table's row hashes as the run
     * first read them ({@link StoredRows}).
     */
    Object mapPage(Page page, io.azsync.core.RunIdentity run) {
        java.util.List<MappedPage> pages = new java.util.ArrayList<>();
        for (String name : mapNames()) {
            TransformMap current = getComponent().map(name);
            PageMapper m = mappers.get(name);
            if (m == null || m.map() != current) {
                m = new PageMapper(current);
                mappers.put(name, m);
            }
            StoredRows stored = getComponent().getStoredRows();
            // only pages kept as source texts (Resource Graph's) can be compared with the stored row hashes: a Graph page
            // or a map with each is asked about in its own transaction, and no table is read for it
            boolean comparable = stored != null && run != null && current.each() == null && !page.records().isEmpty()
                    && page.sourceHash(0) != null;
            pages.add(m.mapPage(page, comparable ? stored.snapshot(run, current) : null));
        }
        return pages.size() == 1 ? pages.get(0) : new MappedPages(pages);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("transform-map is used with to:, not from:");
    }
}
