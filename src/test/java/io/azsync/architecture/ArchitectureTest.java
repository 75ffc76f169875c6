package io.azsync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product's packages depend in one direction: cli → service → run (and model) → source, sink
 * → transform → core, config, auth. A cycle or an upward import fails the build; the simulator
 * (io.azsync.demo) is no part of the product and is not imported by it.
 */
class ArchitectureTest {

    static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/demo-classes/"))
                .importPackages("io.azsync");
    }

    @Test
    void packagesHaveNoCycle() {
        ArchRule rule = slices().matching("io.azsync.(*)..").should().beFreeOfCycles();
        rule.check(product);
    }

    @Test
    void noPackageImportsALayerAboveIt() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("io.azsync.cli..")
                .layer("service").definedBy("io.azsync.service..")
                .layer("run").definedBy("io.azsync.run..")
                .layer("model").definedBy("io.azsync.model..")
                .layer("registry").definedBy("io.azsync.registry..")
                .layer("source").definedBy("io.azsync.source..")
                .layer("sink").definedBy("io.azsync.sink..")
                .layer("transform").definedBy("io.azsync.transform..")
                .layer("auth").definedBy("io.azsync.auth..")
                .layer("core").definedBy("io.azsync.core..")
                .layer("config").definedBy("io.azsync.config..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("run").mayOnlyBeAccessedByLayers("cli", "service")
                .whereLayer("model").mayOnlyBeAccessedByLayers("cli", "service")
                .whereLayer("registry").mayOnlyBeAccessedByLayers("cli", "service")
                .whereLayer("source").mayOnlyBeAccessedByLayers("cli", "service", "run")
                .whereLayer("sink").mayOnlyBeAccessedByLayers("cli", "service", "run", "model", "registry")
                .whereLayer("transform").mayOnlyBeAccessedByLayers("cli", "service", "run", "model", "sink")
                .whereLayer("auth").mayOnlyBeAccessedByLayers("cli", "service", "run", "source")
                .whereLayer("core").mayOnlyBeAccessedByLayers("cli", "service", "run", "model", "source", "sink", "transform")
                .whereLayer("config").mayOnlyBeAccessedByLayers("cli", "service", "run", "model", "registry", "source", "sink", "transform",
                        "auth");
        rule.check(product);
    }

    /** Every statement about runs (ledger, checkpoints, delta state, connector states) is the run package's RunStore's. */
    @Test
    void noRunSqlOutsideTheRunStore() throws java.io.IOException {
        java.util.regex.Pattern runSql = java.util.regex.Pattern.compile(
                "(INSERT INTO|UPDATE|DELETE FROM|FROM) (sync_runs|sync_checkpoints|sync_state|connector_states|rejected_records|sync_seen_keys|table_sightings|stream_leases|azsync_processes)\\b");
        java.util.List<String> found = new java.util.ArrayList<>();
        for (String layer : new String[] {"service", "sink", "model"}) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java/io/azsync", layer))) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (runSql.matcher(lines.get(i)).find()) {
                            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), found, "SQL about runs belongs in run.RunStore");
    }

    /**
     * SQL forms some databases lack (an upsert's {@code ON CONFLICT} and {@code excluded.}, {@code RETURNING},
     * {@code LIMIT}) are built by the dialects only, so a third database is one more dialect, not edits across the product.
     * The demo command is exempt: its database is always a SQLite file, and its queries are shown for the sqlite3 shell.
     */
    @Test
    void databaseSpecificSqlFormsOnlyInTheDialects() throws java.io.IOException {
        java.util.regex.Pattern forms = java.util.regex.Pattern.compile("ON CONFLICT|DO NOTHING|RETURNING|\\bLIMIT\\b|\\bexcluded\\.");
        java.util.List<String> found = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java/io/azsync"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().endsWith("Dialect.java")
                    && !f.getFileName().toString().equals("DemoCommand.java")).toList()) {
                java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.contains("\"") && forms.matcher(line).find()) {
                        found.add(file + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), found, "such SQL is built by io.azsync.sink.Dialect (and overridden by a "
                + "database's dialect)");
    }

    @Test
    void theProductNeverReferencesTheSimulator() {
        ArchRule rule = noClasses().that().resideInAPackage("io.azsync..").should().dependOnClassesThat().resideInAPackage("io.azsync.demo..")
                .allowEmptyShould(true);
        rule.check(product);
    }
}
