package io.azsync.transform;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import io.azsync.source.Page;

/**
 * Maps the records of the {@link Page} in the body to a {@link MappedPage}: rows for the sink, and
 * rejections (with reason and raw record) for records that do not fit the map. Pure: no I/O.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "transform-map", title = "azsync transform map",
             syntax = "transform-map:mapName", producerOnly = true, category = {Category.TRANSFORMATION})
public class TransformMapEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name of the transform map: the file <transform-maps dir>/<mapName>.yaml")
    @Metadata(required = true)
    private final String mapName;

    private final PageMapper mapper;

    public TransformMapEndpoint(String uri, TransformMapComponent component, TransformMap map) {
        super(uri, component);
        this.mapName = map.name();
        this.mapper = new PageMapper(map);
    }

    public String getMapName() {
        return mapName;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                Page page = exchange.getMessage().getMandatoryBody(Page.class);
                exchange.getMessage().setBody(mapPage(page));
            }
        };
    }

    MappedPage mapPage(Page page) {
        return mapper.mapPage(page);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("transform-map is used with to:, not from:");
    }
}
