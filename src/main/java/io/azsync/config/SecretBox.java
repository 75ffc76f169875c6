package io.azsync.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets at rest: AES-256-GCM with a fresh 96-bit nonce per value and the owner's name (a
 * connector's) as associated data, so a value copied to another connector does not decrypt. The
 * key is 32 random bytes in base64, from {@code AZSYNC_SECRET_KEY} or the file named by
 * {@code AZSYNC_SECRET_KEY_FILE} ({@code openssl rand -base64 32}). A stored value reads
 * {@code v1:<key id>:<base64 of nonce and ciphertext>}; the key id (8 hex digits of a SHA-256 of the
 * key) tells a wrong key from a damaged value without revealing anything of the key.
 */
public final class SecretBox {

    public static final String KEY_ENV = "AZSYNC_SECRET_KEY";
    public static final String KEY_FILE_ENV = "AZSYNC_SECRET_KEY_FILE";
    private static final String HOW_TO_MAKE = "generate one with: openssl rand -base64 32";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key that cannot be used, or a stored value that the key cannot open: the message says which and the fix. */
    public static final class SecretKeyException extends RuntimeException {
        public SecretKeyException(String message) {
            super(message, null, false, false);
        }
    }

    private final SecretKeySpec key;
    private final String keyId;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId(key);
    }

    /** A box for a key given as base64 text (32 bytes); {@code from} names where it came from in an error. */
    public static SecretBox of(String base64Key, String from) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new SecretKeyException(from + " is not base64: " + HOW_TO_MAKE);
        }
        if (key.length != 32) {
            throw new SecretKeyException(from + " holds " + key.length + " bytes, not 32 (AES-256): " + HOW_TO_MAKE);
        }
        Secrets.add(base64Key.strip());
        return new SecretBox(key);
    }

    /**
     * The box of {@code AZSYNC_SECRET_KEY}, else of the file {@code AZSYNC_SECRET_KEY_FILE} names;
     * empty when neither is set. Both set is an error (which one would win is not obvious).
     */
    public static Optional<SecretBox> fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, KEY_ENV, KEY_FILE_ENV);
    }

    /** As above for another pair of variables (key rotation reads the new key from its own pair). */
    public static Optional<SecretBox> fromEnvironment(Map<String, String> env, String keyVariable, String fileVariable) {
        String inline = env.get(keyVariable);
        String file = env.get(fileVariable);
        boolean hasInline = inline != null && !inline.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasInline && hasFile) {
            throw new SecretKeyException("both " + keyVariable + " and " + fileVariable + " are set: set one of them");
        }
        if (hasInline) {
            return Optional.of(of(inline, keyVariable));
        }
        if (!hasFile) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(Files.readString(Path.of(file), StandardCharsets.UTF_8), fileVariable + " (" + file + ")"));
        } catch (java.io.IOException e) {
            throw new SecretKeyException("cannot read the secret key file " + file + " (" + fileVariable + "): "
                    + e.getClass().getSimpleName() + "; check the path and that azsync may read it");
        }
    }

    /** A short, non-secret id of the key: what a stored value names to say which key sealed it. */
    public String keyId() {
        return keyId;
    }

    /** Seals {@code secret} for {@code owner} (bound to it as associated data), with a fresh nonce. */
    public String seal(String owner, String secret) {
        return seal(owner, "", secret);
    }

    /**
     * As above, bound to {@code context} too (e.g. where the secret may be sent): opened with another
     * context, it does not open.
     */
    public String seal(String owner, String context, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(owner, context));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage());
        }
    }

    /** Opens a value {@link #seal} made for {@code owner}; a wrong key or a damaged value is a {@link SecretKeyException}. */
    public String open(String owner, String stored) {
        return open(owner, "", stored);
    }

    /** Opens a value sealed for {@code owner} and {@code context}. */
    public String open(String owner, String context, String stored) {
        List<String> parts = List.of(stored.split(":", 3));
        if (parts.size() != 3 || !"v1".equals(parts.get(0))) {
            throw new SecretKeyException("the stored secret of " + owner + " is not in azsync's format: enter the secret again");
        }
        if (!parts.get(1).equals(keyId)) {
            throw new SecretKeyException("the stored secret of " + owner + " was sealed with key " + parts.get(1) + ", but the key set is "
                    + keyId + ": start azsync with the key the secrets were stored with (" + KEY_ENV + " or " + KEY_FILE_ENV
                    + "), or rotate them to a new key with 'azsync secrets rotate'");
        }
        try {
            byte[] all = Base64.getDecoder().decode(parts.get(2));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(owner, context));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SecretKeyException("the stored secret of " + owner + " does not open with key " + keyId
                    + " (altered, or stored for another name, tenant, application or endpoint): enter the secret again");
        }
    }

    private static byte[] associatedData(String owner, String context) {
        return (context.isEmpty() ? owner : owner + "\u0000" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static String keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("azsync secret key id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(key), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
