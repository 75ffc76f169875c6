package io.azsync.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;
import io.azsync.config.YamlFile;
import io.azsync.sink.Dialect;

/**
 * Tag rules ({@code model/tags.yaml}): a generic tag for every asset from Azure (default
 * {@code Azure}) and templates that derive tags from a VM's metadata, e.g. {@code env:{tags.environment}}
 * or {@code location:{location}}. They become the view {@code asset_tags (asset_uid, tag)}; a rule
 * whose placeholders have no value for a VM yields no tag for it.
 */
public record TagRules(String genericTag, List<String> templates) {

    private static final Pattern TOKEN = Pattern.compile("\\{([a-z_]+|tags\\.[^{}]+)}");
    static final List<String> COLUMNS = List.of("location", "resource_group", "subscription_id", "os_type", "vm_size", "name");

    public static TagRules load(Path file) {
        YamlFile yaml = YamlFile.read(file, file.toString());
        List<Problem> problems = new ArrayList<>();
        Node root = yaml.root().orElse(null);
        String generic = "Azure";
        List<String> templates = new ArrayList<>();
        for (NodeTuple t : YamlFile.entries(root)) {
            String key = YamlFile.scalar(t.getKeyNode());
            if ("generic-tag".equals(key)) {
                generic = YamlFile.scalar(t.getValueNode());
                if (generic == null || generic.isBlank()) {
                    problems.add(yaml.problem(t.getValueNode(), "generic-tag must be a tag, e.g. Azure"));
                }
            } else if ("rules".equals(key)) {
                for (Node item : YamlFile.items(t.getValueNode())) {
                    String template = YamlFile.scalar(item);
                    String problem = check(template);
                    if (problem != null) {
                        problems.add(yaml.problem(item, problem));
                    } else {
                        templates.add(template);
                    }
                }
            } else {
                problems.add(yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (expected generic-tag, rules)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new TagRules(generic, List.copyOf(templates));
    }

    static String check(String template) {
        if (template == null || template.isBlank()) {
            return "a tag rule is a template such as 'env:{tags.environment}'";
        }
        Matcher m = TOKEN.matcher(template);
        boolean any = false;
        while (m.find()) {
            any = true;
            String token = m.group(1);
            if (!token.startsWith("tags.") && !COLUMNS.contains(token)) {
                return "unknown placeholder {" + token + "} (use {tags.KEY} or one of: " + String.join(", ", COLUMNS) + ")";
            }
        }
        return any ? null : "tag rule '" + template + "' has no placeholder: put fixed tags in generic-tag";
    }

    /** The {@code CREATE VIEW asset_tags} statement for a dialect. */
    public String viewSql(Dialect dialect) {
        List<String> parts = new ArrayList<>();
        parts.add("SELECT asset_uid, " + literal(genericTag) + " AS tag FROM assets WHERE azure_resource_id IS NOT NULL");
        for (String template : templates) {
            List<String> pieces = new ArrayList<>();
            List<String> conditions = new ArrayList<>();
            Matcher m = TOKEN.matcher(template);
            int last = 0;
            while (m.find()) {
                if (m.start() > last) {
                    pieces.add(literal(template.substring(last, m.start())));
                }
                String token = m.group(1);
                String expr = token.startsWith("tags.") ? dialect.jsonText("vm.tags", token.substring(5)) : "vm." + token;
                pieces.add(expr);
                conditions.add(expr + " IS NOT NULL");
                last = m.end();
            }
            if (last < template.length()) {
                pieces.add(literal(template.substring(last)));
            }
            parts.add("SELECT 'azure:' || vm.id, " + String.join(" || ", pieces) + " FROM azure_virtual_machines vm WHERE "
                    + "vm.deleted_at IS NULL AND " + String.join(" AND ", conditions));
        }
        return "CREATE VIEW asset_tags AS\n" + String.join("\nUNION\n", parts);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
