package io.azsync.transform;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** {@code transform-map:NAME} — maps a {@code Page} of records with {@code transform-maps/NAME.yaml}; the maps come from the registry. */
@Component("transform-map")
public class TransformMapComponent extends DefaultComponent {

    @Metadata(autowired = true, description = "The transform maps, by name (bound by azsync at start)")
    private TransformMaps maps;

    @Metadata(autowired = true, description = "What the sink holds (bound by azsync at start): records stored unchanged are not "
            + "mapped again; without it every record is mapped")
    private StoredRows storedRows;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TransformMapEndpoint endpoint = new TransformMapEndpoint(uri, this);
        endpoint.setMapName(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The map named {@code name}; fails naming the known ones. */
    TransformMap map(String name) {
        TransformMap map = maps == null ? null : maps.get(name);
        if (map == null) {
            throw new IllegalArgumentException("no transform map " + name + ".yaml in the transform-maps "
                    + "directory (known: " + (maps == null ? "none" : String.join(", ", maps.names())) + ")");
        }
        return map;
    }

    public TransformMaps getMaps() {
        return maps;
    }

    public void setMaps(TransformMaps maps) {
        this.maps = maps;
    }

    public StoredRows getStoredRows() {
        return storedRows;
    }

    public void setStoredRows(StoredRows storedRows) {
        this.storedRows = storedRows;
    }
}
