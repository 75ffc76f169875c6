package io.azsync.transform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;
import io.azsync.config.YamlFile;

/**
 * Reads and validates transform maps. Every problem in a file is reported as
 * {@code file:line: message}; a map with any problem is not returned.
 */
public final class TransformMapLoader {

    /** Columns every entity table carries; a map may not define them. */
    public static final Set<String> BOOKKEEPING_COLUMNS =
            Set.of("connector", "first_seen_at", "last_seen_at", "deleted_at", "last_run_id", "row_hash");

    private static final Set<String> TOP_KEYS = Set.of("table", "key", "scope", "each", "description", "columns");
    private static final Set<String> COLUMN_KEYS = Set.of("path", "type", "transform", "lookup", "lookup-file", "keep-unmatched",
            "default", "required", "pattern", "fields", "description");
    private static final String IDENTIFIER = "[a-z][a-z0-9_]{0,62}";

    private TransformMapLoader() {
    }

    /** Loads every {@code *.yaml} map of a directory, keyed by stream name (the file name without extension). */
    public static Map<String, TransformMap> loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidConfigurationException(List.of(new Problem(dir.toString(), 0,
                    "transform-map directory not found: set AZSYNC_TRANSFORM_MAPS_DIR or run from the azsync directory")));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of(new Problem(dir.toString(), 0, "cannot list directory: " + e.getMessage())));
        }
        Map<String, TransformMap> maps = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, String> tables = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                TransformMap map = load(file);
                String previous = tables.putIfAbsent(map.table(), map.file());
                if (previous != null) {
                    problems.add(new Problem(map.file(), 0, "table " + map.table() + " is already written by " + previous
                            + ": give each map its own table"));
                }
                maps.put(map.name(), map);
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return maps;
    }

    public static TransformMap load(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        return parse(YamlFile.read(file, file.toString()), name);
    }

    public static TransformMap parse(YamlFile yaml, String name) {
        List<Problem> problems = new ArrayList<>();
        Node root = yaml.root().orElse(null);
        if (!YamlFile.isMapping(root)) {
            throw new InvalidConfigurationException(List.of(yaml.problem(root,
                    "a transform map is a mapping with table, key and columns")));
        }
        Map<String, NodeTuple> top = entries(yaml, root, TOP_KEYS, problems);
        String table = identifier(yaml, top.get("table"), "table", problems);
        if (table != null && SqlNames.tableProblem(table) != null) {
            problems.add(yaml.problem(top.get("table").getValueNode(), SqlNames.tableProblem(table)));
        }
        if (!top.containsKey("table")) {
            problems.add(yaml.problem(root, "missing 'table': name the target table, e.g. table: azure_virtual_machines"));
        }
        List<ColumnSpec> columns = new ArrayList<>();
        NodeTuple columnsEntry = top.get("columns");
        if (columnsEntry == null || YamlFile.entries(columnsEntry.getValueNode()).isEmpty()) {
            problems.add(yaml.problem(columnsEntry == null ? root : columnsEntry.getKeyNode(),
                    "missing 'columns': map each column name to a path or to {path, type, ...}"));
        } else {
            Set<String> seen = new HashSet<>();
            for (NodeTuple tuple : YamlFile.entries(columnsEntry.getValueNode())) {
                String columnName = YamlFile.scalar(tuple.getKeyNode());
                if (columnName == null || !columnName.matches(IDENTIFIER)) {
                    problems.add(yaml.problem(tuple.getKeyNode(), "column name '" + columnName
                            + "' must be lower case letters, digits and _ (starting with a letter)"));
                    continue;
                }
                if (SqlNames.columnProblem(columnName) != null) {
                    problems.add(yaml.problem(tuple.getKeyNode(), "column " + SqlNames.columnProblem(columnName)));
                    continue;
                }
                if (BOOKKEEPING_COLUMNS.contains(columnName)) {
                    problems.add(yaml.problem(tuple.getKeyNode(), "column " + columnName
                            + " is a bookkeeping column azsync maintains itself: rename it"));
                    continue;
                }
                if (!seen.add(columnName)) {
                    problems.add(yaml.problem(tuple.getKeyNode(), "column " + columnName + " is defined twice"));
                    continue;
                }
                ColumnSpec spec = column(yaml, columnName, tuple, problems);
                if (spec != null) {
                    columns.add(spec);
                }
            }
        }
        if (columns.size() > SqlNames.MAX_MAP_COLUMNS) {
            problems.add(yaml.problem(columnsEntry.getKeyNode(), columns.size() + " columns: PostgreSQL allows 1,600 per table and azsync "
                    + "adds 6, so a map may have at most " + SqlNames.MAX_MAP_COLUMNS + " (keep the rest in a json column)"));
        }
        List<String> keys = keyColumns(yaml, top.get("key"), root, columns, problems);
        String scope = null;
        NodeTuple scopeEntry = top.get("scope");
        if (scopeEntry != null) {
            scope = YamlFile.scalar(scopeEntry.getValueNode());
            if (scope == null || columns.stream().noneMatch(c -> c.name().equals(YamlFile.scalar(scopeEntry.getValueNode())))) {
                problems.add(yaml.problem(scopeEntry.getValueNode(), "scope must name one of the map's columns (e.g. subscription_id)"));
            }
        }
        SourcePath each = null;
        NodeTuple eachEntry = top.get("each");
        if (eachEntry != null) {
            try {
                each = SourcePath.parse(YamlFile.scalar(eachEntry.getValueNode()));
                if (each.parent() || each.toString().equals("$")) {
                    problems.add(yaml.problem(eachEntry.getValueNode(), "each names the array field that holds one row per element, e.g. each: members@delta"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(yaml.problem(eachEntry.getValueNode(), "each: " + e.getMessage()));
            }
        }
        for (ColumnSpec column : columns) {
            if (eachEntry == null && column.paths().stream().anyMatch(SourcePath::parent)) {
                problems.add(new Problem(yaml.name(), column.line(), "column " + column.name()
                        + ": ^. reads the parent record, which only a map with 'each' has"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        // key columns are always required: a record without its key cannot be stored
        List<ColumnSpec> finalColumns = columns.stream()
                .map(c -> keys.contains(c.name()) && !c.required()
                        ? c.asRequired() : c)
                .toList();
        return new TransformMap(name, yaml.name(), table, keys, scope, each, finalColumns);
    }

    private static Map<String, NodeTuple> entries(YamlFile yaml, Node mapping, Set<String> allowed, List<Problem> problems) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple tuple : YamlFile.entries(mapping)) {
            String key = YamlFile.scalar(tuple.getKeyNode());
            if (key == null || !allowed.contains(key)) {
                problems.add(yaml.problem(tuple.getKeyNode(), "unknown key '" + key + "' (expected one of: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
            } else if (out.put(key, tuple) != null) {
                problems.add(yaml.problem(tuple.getKeyNode(), "key '" + key + "' is given twice"));
            }
        }
        return out;
    }

    private static String identifier(YamlFile yaml, NodeTuple entry, String what, List<Problem> problems) {
        if (entry == null) {
            return null;
        }
        String value = YamlFile.scalar(entry.getValueNode());
        if (value == null || !value.matches(IDENTIFIER)) {
            problems.add(yaml.problem(entry.getValueNode(), what + " '" + value
                    + "' must be lower case letters, digits and _ (starting with a letter, at most 63)"));
            return null;
        }
        return value;
    }

    private static List<String> keyColumns(YamlFile yaml, NodeTuple entry, Node root, List<ColumnSpec> columns, List<Problem> problems) {
        if (entry == null) {
            problems.add(yaml.problem(root, "missing 'key': name the key column(s), e.g. key: id"));
            return List.of();
        }
        Node value = entry.getValueNode();
        List<Node> nodes = YamlFile.isSequence(value) ? YamlFile.items(value) : List.of(value);
        List<String> keys = new ArrayList<>();
        for (Node node : nodes) {
            String key = YamlFile.scalar(node);
            ColumnSpec column = columns.stream().filter(c -> c.name().equals(key)).findFirst().orElse(null);
            if (column == null) {
                problems.add(yaml.problem(node, "key column '" + key + "' is not one of the map's columns"));
            } else if (column.type() == ColumnType.JSON || column.type() == ColumnType.STRING_ARRAY) {
                problems.add(yaml.problem(node, "key column '" + key + "' must have a single-value type, not " + column.type().yamlName()));
            } else {
                keys.add(key);
            }
        }
        if (nodes.isEmpty()) {
            problems.add(yaml.problem(value, "'key' names no column"));
        }
        return keys;
    }

    private static ColumnSpec column(YamlFile yaml, String name, NodeTuple tuple, List<Problem> problems) {
        Node value = tuple.getValueNode();
        int line = YamlFile.line(tuple.getKeyNode());
        int before = problems.size();
        Node pathNode = value;
        Map<String, NodeTuple> spec = Map.of();
        if (YamlFile.isMapping(value)) {
            spec = entries(yaml, value, COLUMN_KEYS, problems);
            pathNode = spec.containsKey("path") ? spec.get("path").getValueNode() : null;
            if (pathNode == null) {
                problems.add(yaml.problem(value, "column " + name + " has no 'path'"));
                return null;
            }
        }
        ColumnType type = ColumnType.STRING;
        if (spec.containsKey("type")) {
            try {
                type = ColumnType.byName(YamlFile.scalar(spec.get("type").getValueNode()));
            } catch (IllegalArgumentException e) {
                problems.add(yaml.problem(spec.get("type").getValueNode(), "column " + name + ": " + e.getMessage()));
            }
        }
        java.util.regex.Pattern pattern = null;
        if (spec.containsKey("pattern")) {
            Node p = spec.get("pattern").getValueNode();
            try {
                pattern = java.util.regex.Pattern.compile(YamlFile.scalar(p));
            } catch (RuntimeException e) {
                problems.add(yaml.problem(p, "column " + name + ": pattern is not a regular expression: " + e.getMessage()));
            }
        }
        List<SourcePath> paths = new ArrayList<>();
        List<Node> pathNodes = YamlFile.isSequence(pathNode) ? YamlFile.items(pathNode) : List.of(pathNode);
        for (Node node : pathNodes) {
            try {
                SourcePath path = SourcePath.parse(YamlFile.scalar(node));
                if (path.multi() && type != ColumnType.STRING_ARRAY && type != ColumnType.JSON && !spec.containsKey("pattern")) {
                    problems.add(yaml.problem(node, "column " + name + ": path " + path
                            + " yields many values: use type string-array or json, or a pattern that picks one"));
                }
                if (path.toString().equals("$") && type != ColumnType.JSON) {
                    problems.add(yaml.problem(node, "column " + name + ": path $ is the whole record: use type json"));
                }
                paths.add(path);
            } catch (IllegalArgumentException e) {
                problems.add(yaml.problem(node, "column " + name + ": " + e.getMessage()));
            }
        }
        List<ValueTransform> transforms = new ArrayList<>();
        if (spec.containsKey("transform")) {
            Node t = spec.get("transform").getValueNode();
            for (Node node : YamlFile.isSequence(t) ? YamlFile.items(t) : List.of(t)) {
                try {
                    transforms.add(ValueTransform.byName(YamlFile.scalar(node)));
                } catch (IllegalArgumentException e) {
                    problems.add(yaml.problem(node, "column " + name + ": " + e.getMessage()));
                }
            }
        }
        Lookup lookup = lookup(yaml, name, spec, problems, java.nio.file.Path.of(yaml.name()).toAbsolutePath().getParent());
        if ((!transforms.isEmpty() || lookup != null) && (type == ColumnType.JSON)) {
            problems.add(yaml.problem(value, "column " + name + ": transform, lookup and default apply to text values, not to type json"));
        }
        List<String> fields = null;
        if (spec.containsKey("fields")) {
            Node f = spec.get("fields").getValueNode();
            if (type != ColumnType.JSON || !YamlFile.isSequence(f) || YamlFile.items(f).isEmpty()) {
                problems.add(yaml.problem(f, "column " + name + ": fields lists the fields of type json objects to keep, e.g. "
                        + "fields: [keyId, endDateTime]"));
            } else {
                fields = YamlFile.items(f).stream().map(YamlFile::scalar).toList();
            }
        }
        boolean required = false;
        if (spec.containsKey("required")) {
            String r = YamlFile.scalar(spec.get("required").getValueNode());
            if (!"true".equals(r) && !"false".equals(r)) {
                problems.add(yaml.problem(spec.get("required").getValueNode(), "column " + name + ": required must be true or false"));
            }
            required = "true".equals(r);
        }
        if (problems.size() > before) {
            return null;
        }
        return new ColumnSpec(name, List.copyOf(paths), type, List.copyOf(transforms), lookup, required, line, pattern, fields);
    }

    private static Lookup lookup(YamlFile yaml, String name, Map<String, NodeTuple> spec, List<Problem> problems, java.nio.file.Path dir) {
        NodeTuple lookupEntry = spec.get("lookup");
        NodeTuple defaultEntry = spec.get("default");
        NodeTuple fileEntry = spec.get("lookup-file");
        if (lookupEntry == null && defaultEntry == null && fileEntry == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (fileEntry != null) {
            values.putAll(LookupFile.read(dir, YamlFile.scalar(fileEntry.getValueNode()), yaml.problem(fileEntry.getValueNode(), ""), problems));
        }
        if (lookupEntry != null) {
            Node node = lookupEntry.getValueNode();
            if (!YamlFile.isMapping(node)) {
                problems.add(yaml.problem(node, "column " + name + ": lookup must map source values to stored values, e.g. {Windows: windows}"));
            }
            for (NodeTuple t : YamlFile.entries(node)) {
                String from = YamlFile.scalar(t.getKeyNode());
                String to = YamlFile.scalar(t.getValueNode());
                if (from == null || to == null) {
                    problems.add(yaml.problem(t.getKeyNode(), "column " + name + ": lookup entries map a value to a value"));
                } else {
                    values.put(from, to);
                }
            }
        }
        String defaultValue = null;
        if (defaultEntry != null) {
            defaultValue = YamlFile.scalar(defaultEntry.getValueNode());
            if (defaultValue == null) {
                problems.add(yaml.problem(defaultEntry.getValueNode(), "column " + name + ": default must be a single value"));
            }
        }
        boolean keepUnmatched = true;
        if (spec.containsKey("keep-unmatched")) {
            keepUnmatched = !"false".equals(YamlFile.scalar(spec.get("keep-unmatched").getValueNode()));
        }
        return new Lookup(Map.copyOf(values), defaultValue, keepUnmatched);
    }
}
