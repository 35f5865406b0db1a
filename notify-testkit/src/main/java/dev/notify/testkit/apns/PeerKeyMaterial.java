package dev.notify.testkit.apns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway keys and certificates made at test time, never stored in the repository: TLS
 * identities from the JDK's keytool (run as a process, since the JDK has no public API to sign a
 * certificate) and EC P-256 signing keys from the JDK's KeyPairGenerator.
 */
final class PeerKeyMaterial {
  /** Protects the generated PKCS#12 files; they exist only for the test run. */
  static final String PASSWORD = "notify-throwaway";

  private PeerKeyMaterial() {
  }

  /**
   * A certificate, its key and the PKCS#12 file holding both.
   *
   * @param certificate the self-signed certificate
   * @param key its private key
   * @param pkcs12 the PKCS#12 bytes, password {@link #PASSWORD}
   */
  record Identity(X509Certificate certificate, PrivateKey key, byte[] pkcs12) {
  }

  /** The server identity is the same for every peer in a JVM: generating one takes a second. */
  static Identity server() {
    return ServerHolder.SERVER;
  }

  /** A client identity for TLS client-certificate authentication, shared likewise. */
  static Identity client() {
    return ClientHolder.CLIENT;
  }

  private static final class ServerHolder {
    static final Identity SERVER = selfSigned("peer", "CN=localhost",
        "SAN=dns:localhost,ip:127.0.0.1");
  }

  private static final class ClientHolder {
    static final Identity CLIENT = selfSigned("client",
        "CN=Apple Push Services: dev.notify.example, UID=dev.notify.example", null);
  }

  /** @return a fresh EC P-256 key pair, as APNs signing keys are */
  static KeyPair signingKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available in this JDK", e);
    }
  }

  /** @return the key as a .p8 file holds it: PKCS#8, PEM */
  static String pkcs8Pem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** @return the certificate as PEM */
  static String certificatePem(X509Certificate certificate) {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static Identity selfSigned(String alias, String dname, String extension) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("notify-apns-peer");
      Path store = dir.resolve(alias + ".p12");
      List<String> command = new ArrayList<>(List.of(keytool(), "-genkeypair", "-noprompt",
          "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
          "-sigalg", "SHA256withECDSA", "-dname", dname, "-validity", "30",
          "-keystore", store.toString(), "-storetype", "PKCS12",
          "-storepass", PASSWORD, "-keypass", PASSWORD));
      if (extension != null) {
        command.add("-ext");
        command.add(extension);
      }
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output;
      try (InputStream in = process.getInputStream()) {
        output = in.readAllBytes();
      }
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool failed: "
            + new String(output, StandardCharsets.UTF_8));
      }
      byte[] pkcs12 = Files.readAllBytes(store);
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(new ByteArrayInputStream(pkcs12), PASSWORD.toCharArray());
      return new Identity((X509Certificate) keyStore.getCertificate(alias),
          (PrivateKey) keyStore.getKey(alias, PASSWORD.toCharArray()), pkcs12);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not generate a test certificate with keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating a test certificate", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static String keytool() {
    Path inJdk = Path.of(System.getProperty("java.home"), "bin", "keytool");
    return Files.isExecutable(inJdk) ? inJdk.toString() : "keytool";
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // A temporary directory left behind is harmless.
    }
  }
}
