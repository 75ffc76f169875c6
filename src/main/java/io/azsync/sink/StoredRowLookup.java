package io.azsync.sink;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.azsync.core.RunIdentity;
import io.azsync.transform.StoredHashes;
import io.azsync.transform.StoredRows;
import io.azsync.transform.TransformMap;

/**
 * The sink's answer to the mapping step's question: the source hashes of a table's live rows, read
 * in one query the first time a run asks and kept for that run (one snapshot per connector and
 * table: a later run of the same stream replaces it). Only the connector's own live rows count: a row
 * another connector wrote is mapped and written again, so it becomes this connector's, whose marking
 * then covers it (a subscription handed from one connector to another, a connector renamed).
 */
public final class StoredRowLookup implements StoredRows {

    private final Database database;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    public StoredRowLookup(Database database) {
        this.database = database;
    }

    private record Held(long runId, StoredHashes hashes) {
    }

    @Override
    public StoredHashes snapshot(RunIdentity run, TransformMap map) {
        String slot = run.connector() + "\u0000" + map.table();
        Held current = held.get(slot);
        if (current != null && current.runId() == run.runId()) {
            return current.hashes();
        }
        StoredHashes hashes = read(map, run.connector());
        held.put(slot, new Held(run.runId(), hashes));
        return hashes;
    }

    private StoredHashes read(TransformMap map, String connector) {
        return database.inTransaction(c -> {
            StoredHashes.Builder out = new StoredHashes.Builder();
            try (PreparedStatement ps = c.prepareStatement("SELECT row_hash FROM " + map.table()
                    + " WHERE deleted_at IS NULL AND connector = ?")) {
                ps.setString(1, connector);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out.build();
        });
    }
}
