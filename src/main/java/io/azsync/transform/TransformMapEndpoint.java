package io.azsync.transform;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
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

    private volatile PageMapper mapper;

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
        mapper = new PageMapper(getComponent().map(mapName));
    }

    public String getMapName() {
        return mapName;
    }

    public void setMapName(String mapName) {
        this.mapName = mapName;
    }

    @Override
    public Producer createProducer() {
        return new MapPageProducer(this);
    }

    /** Maps a page with the map as it is now (a reload replaces the maps; the endpoint follows). */
    MappedPage mapPage(Page page) {
        TransformMap current = getComponent().map(mapName);
        PageMapper m = mapper;
        if (m == null || m.map() != current) {
            m = new PageMapper(current);
            mapper = m;
        }
        return m.mapPage(page);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("transform-map is used with to:, not from:");
    }
}
