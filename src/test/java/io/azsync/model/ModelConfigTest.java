package io.azsync.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;
import io.azsync.sink.PostgresDialect;
import io.azsync.sink.SqliteDialect;

/** The model files: score map, identification rules, tag rules. */
class ModelConfigTest {

    @TempDir
    Path dir;

    List<String> problems(String file, String text, java.util.function.Function<Path, ?> loader) throws IOException {
        Path f = dir.resolve(file);
        Files.writeString(f, text);
        return assertThrows(InvalidConfigurationException.class, () -> loader.apply(f)).problems().stream().map(Problem::toString)
                .map(p -> p.replace(dir.toString() + "/", "")).toList();
    }

    @Test
    void theShippedModelIsValidWithTheDocumentedDefaults() {
        ModelConfig model = ModelConfig.load(Path.of("model"), "default");
        assertEquals(List.of(10, 30, 50, 80, 95), model.scores().levels().stream().map(ScoreMap.Level::score).toList());
        assertEquals(1, model.scores().defaultSeverity());
        assertEquals(List.of("azure-resource-id", "vm-id", "entra-device", "mac-address", "hostname"),
                model.identification().rules().stream().map(IdentificationRules.Rule::name).toList());
        assertFalse(model.identification().excludeUnknownAssets());
        assertEquals("Azure", model.tags().genericTag());
    }

    @Test
    void aConnectorCanHaveItsOwnScoreMap() throws IOException {
        Files.writeString(dir.resolve("scoring.yaml"), "x");
        Files.writeString(dir.resolve("scoring-contoso.yaml"), "y");
        assertEquals(dir.resolve("scoring-contoso.yaml"), ScoreMap.fileFor(dir, "contoso"));
        assertEquals(dir.resolve("scoring.yaml"), ScoreMap.fileFor(dir, "fabrikam"));
    }

    @Test
    void scoreMapMistakesAreLocated() throws IOException {
        List<String> p = problems("scoring.yaml", """
                levels:
                  - { severity: 1, score: 10, values: [Informational, low] }
                  - { severity: 2, score: 30, values: [Low] }
                  - { severity: 3, score: 50, values: [Medium] }
                  - { severity: 4, score: 80, values: [High] }
                  - { severity: 5, score: 95, values: [Critical], colour: red }
                """, ScoreMap::load);
        assertTrue(p.contains("scoring.yaml:3: value 'Low' is already in another row"), p.toString());
        assertTrue(p.contains("scoring.yaml:6: unknown key 'colour' (expected severity, score, values)"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("missing 'default-severity'")), p.toString());
    }

    @Test
    void identificationNeedsOneRuleOnAndKnownNames() throws IOException {
        List<String> off = problems("identification.yaml", "rules:\n  - { rule: hostname, enabled: false }\n", IdentificationRules::load);
        assertEquals(List.of("identification.yaml:2: every rule is switched off: at least one must stay on"), off);
        List<String> unknown = problems("identification.yaml", "rules:\n  - { rule: serial-number }\n", IdentificationRules::load);
        assertTrue(unknown.get(0).startsWith("identification.yaml:2: unknown rule 'serial-number'"), unknown.toString());
    }

    @Test
    void tagRulesAreTemplatesWithKnownPlaceholders() throws IOException {
        List<String> p = problems("tags.yaml", "rules:\n  - \"team:{owner}\"\n  - fixed\n", TagRules::load);
        assertTrue(p.get(0).startsWith("tags.yaml:2: unknown placeholder {owner}"), p.toString());
        assertTrue(p.get(1).startsWith("tags.yaml:3: tag rule 'fixed' has no placeholder"), p.toString());
        TagRules rules = new TagRules("Azure", List.of("env:{tags.environment}"));
        assertTrue(rules.viewSql(new PostgresDialect()).contains("'env:' || (vm.tags ->> 'environment')"));
        assertTrue(rules.viewSql(new SqliteDialect()).contains("'env:' || json_extract(vm.tags, '$.\"environment\"')"));
    }
}
