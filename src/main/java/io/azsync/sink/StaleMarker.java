package io.azsync.sink;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.azsync.core.RunIdentity;
import io.azsync.core.StreamProgress;
import io.azsync.transform.TransformMap;

/**
 * After a stream was read to its end and every page loaded, marks the rows of its scope that the
 * run did not see as deleted ({@code deleted_at}). It refuses to run for a stream whose source
 * did not complete, so a failed or partial stream can never delete anything. The scope is the
 * connector, and the explicit subscription list when the map has a scope column.
 */
public final class StaleMarker {

    private static final int IN_LIST_CHUNK = 500;

    private final Database database;
    private final Clock clock;

    public StaleMarker(Database database) {
        this(database, Clock.systemUTC());
    }

    StaleMarker(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public int markDeleted(StreamProgress run, TransformMap map) {
        RunIdentity id = run.identity();
        if (run.isIncremental()) {
            // an incremental (delta) run sees only changes: deletions arrive as @removed records
            return 0;
        }
        if (!run.isComplete()) {
            throw new IllegalStateException("stream " + id.stream() + " was not read and loaded to its end: nothing is marked deleted");
        }
        if (run.deletionsBlockedReason() != null) {
            // a record was rejected without a readable key: any row might be the one it stands for
            return 0;
        }
        if (run.partialReason() != null && map.scopeColumn() == null) {
            // part of the scope was not read and this table cannot tell which rows belong to it
            return 0;
        }
        Dialect dialect = database.dialect();
        Instant now = clock.instant();
        boolean scoped = map.scopeColumn() != null && run.scope() != null && run.scope().isExplicit();
        List<String> scope = scoped ? run.scope().subscriptionIds() : List.of();
        if (scoped && scope.isEmpty()) {
            // a narrowed scope with no readable subscription: an empty list must not mean "the whole table"
            return 0;
        }
        int marked = database.inTransaction(c -> {
            run.guard().check(c);
            int total = 0;
            int from = 0;
            do {
                List<String> chunk = scope.subList(from, Math.min(scope.size(), from + IN_LIST_CHUNK));
                List<Long> seenBy = id.seenBy();
                try (PreparedStatement ps = c.prepareStatement(dialect.markDeleted(map, chunk.size(), seenBy.size()))) {
                    dialect.bindInstant(ps, 1, now);
                    ps.setString(2, id.connector());
                    int p = 3;
                    for (Long seen : seenBy) {
                        ps.setLong(p++, seen);
                    }
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(p + i, chunk.get(i));
                    }
                    total += ps.executeUpdate();
                }
                from += IN_LIST_CHUNK;
            } while (from < scope.size());
            return total;
        });
        run.markedDeleted(marked);
        return marked;
    }
}
