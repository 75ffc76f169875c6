package io.azsync.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.azsync.config.YamlFile;

/** Builds transform maps and records from text, for mapper tests. */
final class MapFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private MapFixtures() {
    }

    static TransformMap map(String yaml) {
        return TransformMapLoader.parse(YamlFile.parse(yaml, "test.yaml"), "test");
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
