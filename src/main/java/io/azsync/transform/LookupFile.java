package io.azsync.transform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.azsync.config.Problem;

/**
 * A lookup table in a CSV file ({@code lookup-file:} in a transform map, relative to the map's
 * directory): one {@code value,replacement} pair per line; lines starting with {@code #} and the
 * header line {@code value,replacement} are skipped. A value may be quoted to contain commas.
 */
final class LookupFile {

    private LookupFile() {
    }

    static Map<String, String> read(Path dir, String name, Problem at, List<Problem> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        if (name == null) {
            problems.add(new Problem(at.file(), at.line(), "lookup-file names a CSV file, e.g. lookups/mitre-attack-techniques.csv"));
            return values;
        }
        Path file = dir.resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            problems.add(new Problem(at.file(), at.line(), "lookup-file " + file + " cannot be read: " + e.getMessage()));
            return values;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#") || line.equalsIgnoreCase("value,replacement")) {
                continue;
            }
            String[] pair = split(line);
            if (pair == null) {
                problems.add(new Problem(file.toString(), i + 1, "expected value,replacement"));
            } else {
                values.put(pair[0], pair[1]);
            }
        }
        return values;
    }

    private static String[] split(String line) {
        if (line.startsWith("\"")) {
            int end = line.indexOf('"', 1);
            if (end < 0 || end + 1 >= line.length() || line.charAt(end + 1) != ',') {
                return null;
            }
            return new String[] {line.substring(1, end), line.substring(end + 2).trim()};
        }
        int comma = line.lastIndexOf(',');
        return comma <= 0 ? null : new String[] {line.substring(0, comma).trim(), line.substring(comma + 1).trim()};
    }
}
