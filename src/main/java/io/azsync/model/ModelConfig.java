package io.azsync.model;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.azsync.config.InvalidConfigurationException;
import io.azsync.config.Problem;
import io.azsync.sink.Database;

/**
 * The files that shape the unified assets and findings model ({@code model/}): the score map, the
 * identification rules and the tag rules. At start they are validated and written to the tables
 * the views read ({@code severity_scores}, {@code identification_rules}) for this connector, so the
 * views stay plain SQL.
 */
public record ModelConfig(ScoreMap scores, IdentificationRules identification, TagRules tags) {

    public static ModelConfig load(Path dir, String connector) {
        List<Problem> problems = new ArrayList<>();
        ScoreMap scores = null;
        IdentificationRules identification = null;
        TagRules tags = null;
        try {
            scores = ScoreMap.load(ScoreMap.fileFor(dir, connector));
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        try {
            identification = IdentificationRules.load(dir.resolve("identification.yaml"));
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        try {
            tags = TagRules.load(dir.resolve("tags.yaml"));
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new ModelConfig(scores, identification, tags);
    }

    /** Placeholders the view files use. */
    public Map<String, String> placeholders() {
        return Map.of("exclude_unknown_assets", String.valueOf(identification.excludeUnknownAssets()));
    }

    /** Replaces this connector's rows in the model tables, in one transaction. */
    public void write(Database database, String connector) {
        database.inTransaction(c -> {
            // the tables are versioned migrations' (db/migration/<database>/V1__fixed_tables.sql)
            try (PreparedStatement del = c.prepareStatement("DELETE FROM severity_scores WHERE connector = ?")) {
                del.setString(1, connector);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO severity_scores (connector, source_value, severity, score) VALUES (?, ?, ?, ?)")) {
                for (ScoreMap.Level level : scores.levels()) {
                    for (String value : level.values()) {
                        ins.setString(1, connector);
                        ins.setString(2, value.toLowerCase(java.util.Locale.ROOT));
                        ins.setInt(3, level.severity());
                        ins.setInt(4, level.score());
                        ins.addBatch();
                    }
                }
                // '*' is the row for values no level lists
                ins.setString(1, connector);
                ins.setString(2, "*");
                ins.setInt(3, scores.defaultSeverity());
                ins.setInt(4, scores.scoreOf(scores.defaultSeverity()));
                ins.addBatch();
                ins.executeBatch();
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM identification_rules WHERE connector = ?")) {
                del.setString(1, connector);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO identification_rules (connector, rule, rule_rank, enabled) VALUES (?, ?, ?, ?)")) {
                for (IdentificationRules.Rule rule : identification.rules()) {
                    ins.setString(1, connector);
                    ins.setString(2, rule.name());
                    ins.setInt(3, rule.rank());
                    ins.setInt(4, rule.enabled() ? 1 : 0);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return null;
        });
    }
}
