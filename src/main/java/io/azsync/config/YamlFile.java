package io.azsync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML file read as a node tree that keeps line numbers, so that validators can report
 * {@code file:line: message}. Syntax errors become {@link Problem}s too.
 */
public final class YamlFile {

    private final String name;
    private final List<Node> documents;

    private YamlFile(String name, List<Node> documents) {
        this.name = name;
        this.documents = documents;
    }

    /** Reads and composes every document of the file; a syntax error is reported with its line. */
    public static YamlFile read(Path file, String displayName) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of(new Problem(displayName, 0, "cannot read file: " + e.getMessage())));
        }
        return parse(text, displayName);
    }

    public static YamlFile parse(String text, String displayName) {
        LoadSettings settings = LoadSettings.builder().setLabel(displayName).setAllowDuplicateKeys(true).build();
        List<Node> documents = new ArrayList<>();
        try {
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                documents.add(node);
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new InvalidConfigurationException(List.of(new Problem(displayName, line,
                    "YAML syntax error: " + e.getProblem() + " (check indentation, colons and quotes)")));
        } catch (YamlEngineException e) {
            throw new InvalidConfigurationException(List.of(new Problem(displayName, 0, "YAML syntax error: " + e.getMessage())));
        }
        return new YamlFile(displayName, documents);
    }

    public String name() {
        return name;
    }

    public List<Node> documents() {
        return documents;
    }

    public Optional<Node> root() {
        return documents.isEmpty() ? Optional.empty() : Optional.of(documents.get(0));
    }

    /** 1-based line of a node, 0 when unknown. */
    public static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }

    public Problem problem(Node node, String message) {
        return new Problem(name, node == null ? 0 : line(node), message);
    }

    public static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    public static boolean isMapping(Node node) {
        return node instanceof MappingNode;
    }

    public static boolean isSequence(Node node) {
        return node instanceof SequenceNode;
    }

    public static List<NodeTuple> entries(Node node) {
        return node instanceof MappingNode m ? m.getValue() : List.of();
    }

    public static List<Node> items(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : List.of();
    }
}
