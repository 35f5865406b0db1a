package dev.notify.fcm;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A throwaway service account JSON key with a fresh RSA key, as Google's console writes one. */
final class ServiceAccounts {
  private ServiceAccounts() {
  }

  static String json(String projectId) throws NoSuchAlgorithmException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(g.generateKeyPair().getPrivate().getEncoded()).replace("\n", "\\n")
        + "\\n-----END PRIVATE KEY-----\\n";
    return "{\"type\":\"service_account\",\"project_id\":\"" + projectId + "\","
        + "\"private_key_id\":\"0123456789abcdef\",\"private_key\":\"" + pem + "\","
        + "\"client_email\":\"notify@" + projectId + ".iam.gserviceaccount.com\","
        + "\"client_id\":\"1234567890\",\"token_uri\":\"http://127.0.0.1:9/token\"}";
  }
}
