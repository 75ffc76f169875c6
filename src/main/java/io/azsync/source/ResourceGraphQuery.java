package io.azsync.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.azsync.config.Problem;

/**
 * A Resource Graph query file ({@code queries/NAME.kql}). Lines starting with {@code //} are
 * comments. Paging with {@code $skipToken} needs a stable order, so the query must order by id.
 */
public record ResourceGraphQuery(String name, Path file, String text) {

    private static final Pattern ORDER_BY_ID = Pattern.compile("\\|\\s*(order|sort)\\s+by\\s+id\\b", Pattern.CASE_INSENSITIVE);

    public static ResourceGraphQuery load(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (!line.trim().startsWith("//")) {
                text.append(line).append('\n');
            }
        }
        return new ResourceGraphQuery(name, file, text.toString().trim());
    }

    /** Problems with the query text, as {@code file:line: message}. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (text.isBlank()) {
            problems.add(new Problem(file.toString(), 1, "the query is empty"));
        } else if (!ORDER_BY_ID.matcher(text).find()) {
            problems.add(new Problem(file.toString(), 1, "the query must end with '| order by id asc' (and keep the id column) "
                    + "so Resource Graph can page it with $skipToken"));
        }
        return problems;
    }
}
