package dev.notify.fcm.internal;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What {@code FcmChannel.Builder} collected, checked.
 *
 * @param name the channel's name
 * @param projectId the Firebase project id
 * @param credentials the credentials
 * @param transport the HTTP transport, or {@code null} for firebase-admin's default
 * @param connectTimeout the connect timeout
 * @param readTimeout the read timeout
 * @param writeTimeout the write timeout, or {@code null} for none
 * @param sdkRetries how many of the SDK's own 503 retries a send may make, 0 to 4
 */
public record FcmSettings(String name, String projectId, GoogleCredentials credentials,
    @Nullable HttpTransport transport, Duration connectTimeout, Duration readTimeout,
    @Nullable Duration writeTimeout, int sdkRetries) {

  /** Shows the project and the settings, never the credentials. */
  @Override
  public String toString() {
    return "project=" + projectId + ", name=" + name + ", transport="
        + (transport == null ? "firebase-admin's default" : transport.getClass().getSimpleName())
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", sdkRetries=" + sdkRetries;
  }
}
