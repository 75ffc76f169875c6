package io.azsync.config;

import java.util.List;
import java.util.stream.Collectors;

/** Raised when files or settings a user edits are invalid; carries every problem found, not just the first. */
public class InvalidConfigurationException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidConfigurationException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
