package io.azsync.sink;

import java.util.List;
import java.util.Set;

import io.azsync.transform.MappedRow;
import io.azsync.transform.StoredRows;
import io.azsync.transform.TransformMap;

/**
 * The sink's answer to the mapping step's question: which keys are stored live with the same row
 * hash (one query per 500 keys, in a read transaction of its own), so unchanged records are not
 * mapped again. The page's own transaction asks once more for the rows it does write.
 */
public final class StoredRowLookup implements StoredRows {

    private final Database database;

    public StoredRowLookup(Database database) {
        this.database = database;
    }

    @Override
    public Set<String> unchanged(TransformMap map, List<MappedRow> rows) {
        return database.inTransaction(c -> PageWriter.unchangedKeys(c, database.dialect(), map, rows));
    }
}
