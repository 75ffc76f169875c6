package io.azsync.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;
import io.azsync.config.YamlFile;

/**
 * Identification rules ({@code model/identification.yaml}): in precedence order, when an Entra ID
 * device and an Azure VM are the same asset. Each rule can be switched off; at least one stays on.
 * {@code exclude-unknown-assets: true} keeps Entra devices that match no VM out of {@code assets}.
 */
public record IdentificationRules(List<Rule> rules, boolean excludeUnknownAssets) {

    public record Rule(String name, int rank, boolean enabled) {
    }

    /** The rules azsync knows, each a join in views/55-asset-device-matches.sql. */
    public static final List<String> KNOWN = List.of("azure-resource-id", "vm-id", "entra-device", "mac-address", "hostname");

    public static IdentificationRules load(Path file) {
        YamlFile yaml = YamlFile.read(file, file.toString());
        List<Problem> problems = new ArrayList<>();
        Node root = yaml.root().orElse(null);
        if (!YamlFile.isMapping(root)) {
            throw new InvalidConfigurationException(List.of(yaml.problem(root, "identification rules have 'rules' and 'exclude-unknown-assets'")));
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        boolean exclude = false;
        Node rulesNode = null;
        for (NodeTuple t : YamlFile.entries(root)) {
            String key = YamlFile.scalar(t.getKeyNode());
            if ("rules".equals(key)) {
                rulesNode = t.getValueNode();
            } else if ("exclude-unknown-assets".equals(key)) {
                exclude = bool(yaml, t.getValueNode(), problems);
            } else {
                problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (expected rules, exclude-unknown-assets)"));
            }
        }
        if (rulesNode == null || !YamlFile.isSequence(rulesNode)) {
            problems.add(yaml.problem(rulesNode == null ? root : rulesNode, "'rules' lists the rules in precedence order"));
        } else {
            int rank = 0;
            for (Node item : YamlFile.items(rulesNode)) {
                String name = null;
                boolean enabled = true;
                for (NodeTuple t : YamlFile.entries(item)) {
                    String key = YamlFile.scalar(t.getKeyNode());
                    if ("rule".equals(key)) {
                        name = YamlFile.scalar(t.getValueNode());
                    } else if ("enabled".equals(key)) {
                        enabled = bool(yaml, t.getValueNode(), problems);
                    } else {
                        problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (expected rule, enabled)"));
                    }
                }
                if (!KNOWN.contains(name)) {
                    problems.add(yaml.problem(item, "unknown rule '" + name + "' (expected one of: " + String.join(", ", KNOWN) + ")"));
                } else if (rules.containsKey(name)) {
                    problems.add(yaml.problem(item, "rule " + name + " is listed twice"));
                } else {
                    rules.put(name, new Rule(name, ++rank, enabled));
                }
            }
            if (problems.isEmpty() && rules.values().stream().noneMatch(Rule::enabled)) {
                problems.add(yaml.problem(rulesNode, "every rule is switched off: at least one must stay on"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        List<Rule> all = new ArrayList<>(rules.values());
        for (String name : KNOWN) {
            if (!rules.containsKey(name)) {
                all.add(new Rule(name, all.size() + 1, false));
            }
        }
        return new IdentificationRules(List.copyOf(all), exclude);
    }

    private static boolean bool(YamlFile yaml, Node node, List<Problem> problems) {
        String v = YamlFile.scalar(node);
        if (!"true".equals(v) && !"false".equals(v)) {
            problems.add(yaml.problem(node, "must be true or false"));
        }
        return "true".equals(v);
    }
}
