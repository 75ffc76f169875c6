package io.azsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.azsync.run.RunState;
import io.azsync.run.StreamResult;
import picocli.CommandLine;

/** The result table of `sync` keeps its columns aligned whatever the stream names. */
class ResultTableTest {

    @Test
    void columnsStayAlignedForStreamNamesLongerThan32Characters() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new AzsyncCommand(() -> null));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        String longName = "azure-network-security-group-rules-of-the-hub";
        SyncCommand.printTable(Console.of(cli), List.of(
                new StreamResult(longName, 1, RunState.SUCCEEDED, 2, 10, 10, 0, 0, 0, Duration.ofSeconds(1), null, false),
                new StreamResult("vms", 2, RunState.SUCCEEDED, 1, 5, 5, 0, 0, 0, Duration.ofSeconds(1), null, false)));

        List<String> lines = out.toString().lines().filter(l -> l.contains(" succeeded ") || l.startsWith("STREAM")).toList();
        assertEquals(3, lines.size(), out.toString());
        int state = lines.get(0).indexOf("STATE");
        for (String line : lines.subList(1, 3)) {
            assertEquals(state, line.indexOf("succeeded"), "STATE column shifted:\n" + out);
        }
    }
}
