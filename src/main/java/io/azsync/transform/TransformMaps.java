package io.azsync.transform;

import java.util.Map;
import java.util.Set;

/**
 * The loaded transform maps, shared by the components; a reload replaces them all at once, after
 * they were validated, so a stream never sees half of an edit.
 */
public final class TransformMaps implements io.azsync.core.SourceFields {

    private volatile Map<String, TransformMap> maps;

    public TransformMaps(Map<String, TransformMap> maps) {
        this.maps = Map.copyOf(maps);
    }

    public TransformMap get(String name) {
        return maps.get(name);
    }

    @Override
    public java.util.SortedSet<String> of(String name) {
        TransformMap map = maps.get(name);
        return map == null ? null : map.sourceFields();
    }

    @Override
    public String mapping(String name) {
        TransformMap map = maps.get(name);
        if (map == null) {
            return null;
        }
        long[] h = org.apache.commons.codec.digest.MurmurHash3.hash128x64(map.fingerprint().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().toHexDigits(h[0]);
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(maps.keySet());
    }

    public Map<String, TransformMap> all() {
        return maps;
    }

    public void replace(Map<String, TransformMap> next) {
        maps = Map.copyOf(next);
    }
}
