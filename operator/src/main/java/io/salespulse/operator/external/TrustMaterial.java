package io.salespulse.operator.external;

import io.salespulse.operator.reconcile.Hashes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A CA certificate (PEM, from spec.*.tls.caSecretRef) as the clients need it: a trust store for Connector/J, an
 * SSLContext for the Cassandra driver, the PEM itself for Kafka. A CA is public: the trust store's password only
 * satisfies the file format.
 */
public final class TrustMaterial {

    static final String STORE_PASSWORD = "salespulse";

    private final String pem;
    private final KeyStore store;

    private TrustMaterial(String pem, KeyStore store) {
        this.pem = pem;
        this.store = store;
    }

    /** Parses {@code pem}; a bad certificate fails naming {@code field}. */
    public static TrustMaterial of(String pem, String field) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException("no certificate found");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return new TrustMaterial(pem, store);
        } catch (GeneralSecurityException | IOException e) {
            throw new ExternalStepException("InvalidCaCertificate", "the CA certificate of " + field + " is not a PEM "
                    + "X.509 certificate: " + e.getMessage(), e);
        }
    }

    public String pem() {
        return pem;
    }

    public String fingerprint() {
        return Hashes.sha256(pem);
    }

    /** Trusts only this CA (the JVM's default CAs are not added: the server must chain to the given CA). */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS12 output is salted, so differs per call: one copy per CA keeps the job ConfigMap from changing. */
    private static final java.util.Map<String, byte[]> PKCS12 = new java.util.concurrent.ConcurrentHashMap<>();

    /** The trust store as PKCS12 bytes (Connector/J reads no PEM); the same bytes for the same CA. */
    public byte[] pkcs12() {
        return PKCS12.computeIfAbsent(fingerprint(), k -> encode()).clone();
    }

    private byte[] encode() {
        try (var out = new java.io.ByteArrayOutputStream()) {
            store.store(out, STORE_PASSWORD.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKCS12 trust store in a file named after its content in {@code dir} (written once, atomically). */
    public Path pkcs12File(Path dir) {
        Path file = dir.resolve("salespulse-ca-" + fingerprint().substring(0, 16) + ".p12");
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "ca-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(pkcs12());
            }
            return Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ExternalStepException("TrustStoreUnwritable", "cannot write the CA trust store to " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
