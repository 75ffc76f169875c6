package io.azsync.cli;

import java.util.concurrent.Callable;

import io.azsync.config.SecretBox;
import io.azsync.config.Settings;
import io.azsync.registry.ConnectorRegistry;
import io.azsync.sink.Database;
import io.azsync.sink.SchemaManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code azsync secrets rotate}: seals every stored connector credential again under a new key. */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Manage the key that encrypts the credentials of connectors "
        + "created over the REST API.", subcommands = SecretsCommand.Rotate.class)
public class SecretsCommand {

    @ParentCommand
    AzsyncCommand parent;

    @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Re-encrypt every stored connector credential: opened with "
            + "AZSYNC_SECRET_KEY (or AZSYNC_SECRET_KEY_FILE), sealed with AZSYNC_NEW_SECRET_KEY (or AZSYNC_NEW_SECRET_KEY_FILE), all in one "
            + "transaction. Then start azsync with the new key.")
    static class Rotate implements Callable<Integer> {

        @ParentCommand
        SecretsCommand secrets;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Settings settings = secrets.parent.settings();
            Console console = Console.of(spec.commandLine()).redacting(settings);
            SecretBox from;
            SecretBox to;
            try {
                from = SecretBox.fromEnvironment(settings.environment()).orElse(null);
                to = SecretBox.fromEnvironment(settings.environment(), "AZSYNC_NEW_SECRET_KEY", "AZSYNC_NEW_SECRET_KEY_FILE").orElse(null);
            } catch (SecretBox.SecretKeyException e) {
                console.error(e.getMessage());
                return AzsyncCommand.INVALID;
            }
            if (from == null || to == null) {
                console.error("rotation needs the current key (AZSYNC_SECRET_KEY or AZSYNC_SECRET_KEY_FILE) and the new one "
                        + "(AZSYNC_NEW_SECRET_KEY or AZSYNC_NEW_SECRET_KEY_FILE; make one with: openssl rand -base64 32)");
                return AzsyncCommand.INVALID;
            }
            try (Database db = Database.open(settings.get(Settings.JDBC_URL), settings.get(Settings.JDBC_USER),
                    settings.get(Settings.JDBC_PASSWORD))) {
                new SchemaManager(db).ensureLedger();
                int n = new ConnectorRegistry(db).rotate(from, to);
                console.print("Re-encrypted " + n + " connector credential(s) from key " + from.keyId() + " to key " + to.keyId()
                        + ": start azsync with the new key in AZSYNC_SECRET_KEY (or AZSYNC_SECRET_KEY_FILE)");
                return AzsyncCommand.OK;
            } catch (SecretBox.SecretKeyException e) {
                console.error("nothing was changed: " + e.getMessage());
                return AzsyncCommand.INVALID;
            }
        }
    }
}
