package io.azsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets at rest: AES-GCM under a key from the environment, bound to the connector's name. */
class SecretBoxTest {

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    final SecretBox box = SecretBox.of(newKey(), "AZSYNC_SECRET_KEY");

    @Test
    void aSealedSecretOpensForItsOwnerAndShowsNothingOfItself() {
        String sealed = box.seal("tenant-a", "s3cr3t-value~1");
        assertEquals("s3cr3t-value~1", box.open("tenant-a", sealed));
        assertFalse(sealed.contains("s3cr3t"), sealed);
        assertFalse(new String(Base64.getDecoder().decode(sealed.split(":")[2]), StandardCharsets.ISO_8859_1).contains("s3cr3t"));
        assertTrue(sealed.startsWith("v1:" + box.keyId() + ":"), sealed);
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertNotEquals(box.seal("a", "same"), box.seal("a", "same"));
    }

    @Test
    void aValueCopiedToAnotherConnectorDoesNotOpen() {
        String sealed = box.seal("tenant-a", "secret");
        SecretBox.SecretKeyException e = assertThrows(SecretBox.SecretKeyException.class, () -> box.open("tenant-b", sealed));
        assertTrue(e.getMessage().contains("enter the secret again"), e.getMessage());
    }

    @Test
    void aWrongKeyIsNamedWithTheFix() {
        String sealed = box.seal("tenant-a", "secret");
        SecretBox other = SecretBox.of(newKey(), "AZSYNC_SECRET_KEY");
        SecretBox.SecretKeyException e = assertThrows(SecretBox.SecretKeyException.class, () -> other.open("tenant-a", sealed));
        assertTrue(e.getMessage().contains("sealed with key " + box.keyId()) && e.getMessage().contains("azsync secrets rotate"),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret\""), e.getMessage());
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        String sealed = box.seal("tenant-a", "secret");
        String[] parts = sealed.split(":");
        byte[] bytes = Base64.getDecoder().decode(parts[2]);
        bytes[bytes.length / 2] ^= 0x01;   // one bit of the ciphertext (a base64 character can differ in unused bits only)
        String altered = parts[0] + ":" + parts[1] + ":" + Base64.getEncoder().encodeToString(bytes);
        assertThrows(SecretBox.SecretKeyException.class, () -> box.open("tenant-a", altered));
    }

    @Test
    void keysComeFromTheVariableOrItsFileAndBadOnesSayHowToMakeOne(@TempDir Path dir) throws Exception {
        assertTrue(SecretBox.fromEnvironment(Map.of()).isEmpty());
        String key = newKey();
        Path file = dir.resolve("key");
        Files.writeString(file, key + "\n");
        assertEquals(SecretBox.of(key, "x").keyId(), SecretBox.fromEnvironment(Map.of("AZSYNC_SECRET_KEY_FILE", file.toString()))
                .orElseThrow().keyId());
        SecretBox.SecretKeyException shortKey = assertThrows(SecretBox.SecretKeyException.class,
                () -> SecretBox.fromEnvironment(Map.of("AZSYNC_SECRET_KEY", "c2hvcnQ=")));
        assertTrue(shortKey.getMessage().contains("openssl rand -base64 32"), shortKey.getMessage());
        assertThrows(SecretBox.SecretKeyException.class,
                () -> SecretBox.fromEnvironment(Map.of("AZSYNC_SECRET_KEY", key, "AZSYNC_SECRET_KEY_FILE", file.toString())));
        SecretBox.SecretKeyException missing = assertThrows(SecretBox.SecretKeyException.class,
                () -> SecretBox.fromEnvironment(Map.of("AZSYNC_SECRET_KEY_FILE", dir.resolve("nope").toString())));
        assertTrue(missing.getMessage().contains("cannot read the secret key file"), missing.getMessage());
    }
}
