package io.azsync.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;
import io.azsync.config.YamlFile;

/**
 * The severity score map ({@code model/scoring.yaml}, or {@code model/scoring-<connector>.yaml} for
 * one connector): source severity values → severity 1–5 → score 0–100, plus a default severity for
 * values that match no row. Validated with {@code file:line} errors: exactly one row per severity,
 * scores 0–100, every value in one row only, and Defender's Low, Medium and High covered.
 */
public record ScoreMap(List<Level> levels, int defaultSeverity) {

    /** One row: the source values that mean this severity, and its score. */
    public record Level(int severity, int score, List<String> values) {
    }

    static final Set<String> REQUIRED_VALUES = Set.of("low", "medium", "high");

    /** The file for a connector: its own when present, else the shared one. */
    public static Path fileFor(Path modelDir, String connector) {
        Path own = modelDir.resolve("scoring-" + connector + ".yaml");
        return own.toFile().isFile() ? own : modelDir.resolve("scoring.yaml");
    }

    public static ScoreMap load(Path file) {
        YamlFile yaml = YamlFile.read(file, file.toString());
        List<Problem> problems = new ArrayList<>();
        Node root = yaml.root().orElse(null);
        if (!YamlFile.isMapping(root)) {
            throw new InvalidConfigurationException(List.of(yaml.problem(root, "a score map has 'levels' and 'default-severity'")));
        }
        Node levelsNode = null;
        Node defaultNode = null;
        for (NodeTuple t : YamlFile.entries(root)) {
            String key = YamlFile.scalar(t.getKeyNode());
            if ("levels".equals(key)) {
                levelsNode = t.getValueNode();
            } else if ("default-severity".equals(key)) {
                defaultNode = t.getValueNode();
            } else {
                problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (expected levels, default-severity)"));
            }
        }
        List<Level> levels = new ArrayList<>();
        Map<Integer, Node> bySeverity = new TreeMap<>();
        Map<String, Integer> byValue = new HashMap<>();
        if (levelsNode == null || !YamlFile.isSequence(levelsNode)) {
            problems.add(yaml.problem(levelsNode == null ? root : levelsNode, "'levels' must list five rows of {severity, score, values}"));
        } else {
            for (Node row : YamlFile.items(levelsNode)) {
                Integer severity = null;
                Integer score = null;
                boolean severityGiven = false;
                boolean scoreGiven = false;
                List<String> values = new ArrayList<>();
                for (NodeTuple t : YamlFile.entries(row)) {
                    String key = YamlFile.scalar(t.getKeyNode());
                    Node v = t.getValueNode();
                    switch (key == null ? "" : key) {
                        case "severity" -> {
                            severityGiven = true;
                            severity = number(yaml, v, "severity", 1, 5, problems);
                        }
                        case "score" -> {
                            scoreGiven = true;
                            score = number(yaml, v, "score", 0, 100, problems);
                        }
                        case "values" -> {
                            for (Node item : YamlFile.isSequence(v) ? YamlFile.items(v) : List.of(v)) {
                                String value = YamlFile.scalar(item);
                                if (value == null || value.isBlank()) {
                                    problems.add(yaml.problem(item, "values are the source severities, e.g. [High]"));
                                    continue;
                                }
                                Integer other = byValue.put(value.toLowerCase(Locale.ROOT), severity == null ? -1 : severity);
                                if (other != null) {
                                    problems.add(yaml.problem(item, "value '" + value + "' is already in another row"));
                                }
                                values.add(value);
                            }
                        }
                        default -> problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (expected severity, score, values)"));
                    }
                }
                if (!severityGiven || !scoreGiven || values.isEmpty()) {
                    problems.add(yaml.problem(row, "each row needs severity (1-5), score (0-100) and values"));
                }
                if (severity != null && bySeverity.put(severity, row) != null) {
                    problems.add(yaml.problem(row, "severity " + severity + " has two rows: exactly one row per severity"));
                }
                if (severity != null && score != null && !values.isEmpty()) {
                    levels.add(new Level(severity, score, List.copyOf(values)));
                }
            }
            for (int s = 1; s <= 5; s++) {
                if (!bySeverity.containsKey(s)) {
                    problems.add(yaml.problem(levelsNode, "severity " + s + " has no row: exactly one row per severity 1-5"));
                }
            }
            for (String required : REQUIRED_VALUES) {
                if (!byValue.containsKey(required)) {
                    problems.add(yaml.problem(levelsNode, "no row covers Defender's severity '" + required.substring(0, 1).toUpperCase(Locale.ROOT)
                            + required.substring(1) + "': add it to a row's values"));
                }
            }
        }
        int defaultSeverity = 1;
        if (defaultNode == null) {
            problems.add(yaml.problem(root, "missing 'default-severity' (1-5), used for values no row lists"));
        } else {
            Integer d = number(yaml, defaultNode, "default-severity", 1, 5, problems);
            defaultSeverity = d == null ? 1 : d;
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        levels.sort(java.util.Comparator.comparingInt(Level::severity));
        return new ScoreMap(List.copyOf(levels), defaultSeverity);
    }

    private static Integer number(YamlFile yaml, Node node, String what, int min, int max, List<Problem> problems) {
        try {
            int value = Integer.parseInt(YamlFile.scalar(node));
            if (value < min || value > max) {
                problems.add(yaml.problem(node, what + " " + value + " is out of range " + min + "-" + max));
                return null;
            }
            return value;
        } catch (NumberFormatException | NullPointerException e) {
            problems.add(yaml.problem(node, what + " must be a whole number " + min + "-" + max));
            return null;
        }
    }

    public int scoreOf(int severity) {
        return levels.stream().filter(l -> l.severity() == severity).findFirst().map(Level::score).orElse(0);
    }
}
