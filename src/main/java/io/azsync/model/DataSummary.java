package io.azsync.model;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.azsync.sink.Database;

/**
 * What the data says, for the operator console: open findings by severity and the riskiest assets,
 * read from the unified model's views ({@code findings}, {@code assets}) as any SQL client would.
 */
public final class DataSummary {

    private final Database database;

    public DataSummary(Database database) {
        this.database = database;
    }

    /** Open, not deleted findings per severity 1–5 (every severity present, 0 when none). */
    public Map<Integer, Long> openFindingsBySeverity() {
        return database.inTransaction(c -> {
            Map<Integer, Long> out = new LinkedHashMap<>();
            for (int s = 1; s <= 5; s++) {
                out.put(s, 0L);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT finding_severity, COUNT(*) FROM findings "
                    + "WHERE finding_status = 'open' AND deleted_at IS NULL GROUP BY finding_severity");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** The live assets with the highest risk score, highest first. */
    public List<Map<String, Object>> riskiestAssets(int limit) {
        return database.inTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(database.dialect().firstRows("SELECT asset_uid, asset_name, risk_score, "
                    + "open_findings, max_finding_severity FROM assets WHERE deleted_at IS NULL ORDER BY risk_score DESC, asset_name", "?"))) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> a = new LinkedHashMap<>();
                        a.put("assetUid", rs.getString(1));
                        a.put("assetName", rs.getString(2));
                        a.put("riskScore", rs.getLong(3));
                        a.put("openFindings", rs.getLong(4));
                        long max = rs.getLong(5);
                        a.put("maxFindingSeverity", rs.wasNull() ? null : max);
                        out.add(a);
                    }
                }
            }
            return out;
        });
    }
}
