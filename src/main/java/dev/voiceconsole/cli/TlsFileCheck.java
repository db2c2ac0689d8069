package dev.voiceconsole.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads TLS PEM files the way the gRPC transport will, before a model is loaded or a worker asked: a missing,
 * unreadable or garbage file is the user's to fix (one line, exit 2), where Netty would fail later with a trace.
 */
final class TlsFileCheck {

    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private TlsFileCheck() {}

    /** A PEM file holding at least one X.509 certificate ({@code option} names it in the message). */
    static void requireCertificates(String option, Path file) {
        byte[] bytes = read(option, file);
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new UserInputException(option + " " + file + ": holds no PEM certificate");
            }
        } catch (CertificateException | IOException e) {
            throw new UserInputException(option + " " + file + ": not a PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    /** An unencrypted PKCS#8 PEM private key, as the transport takes it. */
    static void requirePrivateKey(String option, Path file) {
        String text = new String(read(option, file), StandardCharsets.US_ASCII);
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            String hint = text.contains("-----BEGIN RSA PRIVATE KEY-----")
                            || text.contains("-----BEGIN EC PRIVATE KEY-----")
                    ? "; convert it with 'openssl pkcs8 -topk8 -nocrypt'"
                    : text.contains("ENCRYPTED PRIVATE KEY") ? "; it is encrypted, and no password can be given" : "";
            throw new UserInputException(option + " " + file + ": not an unencrypted PKCS#8 PEM private key" + hint);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + " " + file + ": the private key's base64 is damaged", e);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return;
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                // not this algorithm; try the next
            }
        }
        throw new UserInputException(
                option + " " + file + ": the private key cannot be read (not RSA, EC or EdDSA, " + "or damaged)");
    }

    private static byte[] read(String option, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(option + " " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UserInputException(option + " " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
