package dev.voiceconsole.sidecar;

import dev.voiceconsole.transport.TlsFiles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A throw-away self-signed server certificate for 127.0.0.1, made with the JDK's keytool (no other tools). */
public final class TestCertificates {

    private static final char[] PASSWORD = "test-only".toCharArray();

    private TestCertificates() {}

    public static TlsFiles selfSigned(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "sidecar",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-keypass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        Certificate certificate = store.getCertificate("sidecar");
        Key key = store.getKey("sidecar", PASSWORD);
        Path cert = Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", certificate.getEncoded()));
        Path privateKey = Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
        return new TlsFiles(cert, privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
