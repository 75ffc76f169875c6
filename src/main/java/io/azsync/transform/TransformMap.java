package io.azsync.transform;

import java.util.List;

/**
 * A validated transform map ({@code transform-maps/<stream>.yaml}): the target table, its key, the
 * optional scope column that limits deletion marking to the run's scope, and the columns.
 */
public record TransformMap(String name, String file, String table, List<String> keyColumns, String scopeColumn,
                           List<ColumnSpec> columns) {

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public ColumnSpec column(String name) {
        int i = indexOf(name);
        return i < 0 ? null : columns.get(i);
    }
}
