package dev.notify.fcm;

import com.google.firebase.internal.ApacheHttp2Transport;
import dev.notify.testkit.fcm.FcmPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.DiscardingEntityConsumer;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncResponseBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;
import org.apache.hc.core5.http2.ssl.H2ServerTlsStrategy;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.reactor.ListenerEndpoint;

/**
 * An HTTP/2-over-TLS front for {@link FcmPeer}, so that firebase-admin's production transport
 * ({@link ApacheHttp2Transport}, Apache HttpClient 5 async) can be driven locally: httpcore5-h2's
 * server with a throwaway certificate for {@code fcm.googleapis.com} takes each request over
 * HTTP/2 and hands it on to the peer (HTTP/1.1), answering with the peer's answer; the client
 * is built as firebase-admin builds its default one, but resolves {@code fcm.googleapis.com} to
 * loopback, port 443 to the front's port, and trusts the certificate. For tests only.
 */
final class Http2Front implements AutoCloseable {
  static final String HOST = "fcm.googleapis.com";
  private final HttpAsyncServer server;
  private final ExecutorService forwarders = Executors.newFixedThreadPool(16, r -> {
    Thread t = new Thread(r, "h2-front");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();
  private final List<String> protocols = new CopyOnWriteArrayList<>();
  private final int port;
  private final KeyStore trust;

  Http2Front(FcmPeer peer) throws Exception {
    Path dir = Files.createTempDirectory("h2-front");
    Path p12 = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "keytool").toString(), "-genkeypair", "-alias", "fcm", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-validity", "2",
        "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: "
          + new String(keytool.getInputStream().readAllBytes()));
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      keys.load(in, "changeit".toCharArray());
    }
    Files.delete(p12);
    Files.delete(dir);
    this.trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("fcm", keys.getCertificate("fcm"));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    URI target = peer.baseUri();
    this.server = H2ServerBootstrap.bootstrap()
        .setCanonicalHostName(HOST)
        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2)
        .setTlsStrategy(new H2ServerTlsStrategy(serverTls))
        .register("*", new Forward(target))
        .create();
    server.start();
    ListenerEndpoint endpoint = server.listen(new InetSocketAddress(
        InetAddress.getLoopbackAddress(), 0), URIScheme.HTTPS).get(10, TimeUnit.SECONDS);
    this.port = ((InetSocketAddress) endpoint.getAddress()).getPort();
  }

  /** {@return the protocol of every request the front took, e.g. {@code HTTP/2.0}} */
  List<String> protocols() {
    return List.copyOf(protocols);
  }

  /** {@return firebase-admin's production transport, pointed at this front} */
  ApacheHttp2Transport transport() throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);
    SchemePortResolver ports = host -> HOST.equals(host.getHostName()) && host.getPort() < 0
        ? port : DefaultSchemePortResolver.INSTANCE.resolve(host);
    DnsResolver dns = new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        if (!HOST.equals(host)) {
          throw new UnknownHostException(host + " (the test resolves only " + HOST + ")");
        }
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
    // As ApacheHttp2Transport.defaultHttpAsyncClientBuilder(), but DNS, port and trust local.
    CloseableHttpAsyncClient client = HttpAsyncClientBuilder.create()
        .setH2Config(H2Config.custom().setMaxConcurrentStreams(100).build())
        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setMaxConnTotal(200).setMaxConnPerRoute(100)
            .setDefaultTlsConfig(TlsConfig.custom()
                .setVersionPolicy(HttpVersionPolicy.NEGOTIATE).build())
            .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(clientTls).buildAsync())
            .setDnsResolver(dns).setSchemePortResolver(ports).build())
        .setRoutePlanner(new DefaultRoutePlanner(ports))
        .disableRedirectHandling().disableAutomaticRetries().build();
    client.start();
    return new ApacheHttp2Transport(client);
  }

  @Override
  public void close() {
    server.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
    forwarders.shutdownNow();
  }

  /** Reads each request whole and answers, from another thread, with the peer's answer. */
  private final class Forward implements AsyncServerRequestHandler<Message<HttpRequest, String>> {
    private final URI target;

    Forward(URI target) {
      this.target = target;
    }

    @Override
    public AsyncRequestConsumer<Message<HttpRequest, String>> prepare(HttpRequest request,
        EntityDetails entity, HttpContext context) {
      return new BasicRequestConsumer<>(entity == null ? () -> new DiscardingEntityConsumer<>()
          : () -> new StringAsyncEntityConsumer());
    }

    @Override
    public void handle(Message<HttpRequest, String> message, ResponseTrigger trigger,
        HttpContext context) throws HttpException, IOException {
      HttpRequest request = message.getHead();
      protocols.add(String.valueOf(request.getVersion() != null ? request.getVersion()
          : context.getProtocolVersion()));
      forwarders.execute(() -> {
        try {
          java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                  target.resolve(request.getPath().substring(1)))
              .timeout(Duration.ofSeconds(30))
              .POST(BodyPublishers.ofString(message.getBody() == null ? "" : message.getBody()))
              .header("Content-Type", "application/json");
          if (request.getFirstHeader("Authorization") != null) {
            b.header("Authorization", request.getFirstHeader("Authorization").getValue());
          }
          java.net.http.HttpResponse<String> r = http.send(b.build(), BodyHandlers.ofString());
          AsyncResponseBuilder answer = AsyncResponseBuilder.create(r.statusCode())
              .setEntity(r.body(), ContentType.APPLICATION_JSON);
          r.headers().firstValue("Retry-After").ifPresent(v -> answer.addHeader("Retry-After", v));
          trigger.submitResponse(answer.build(), context);
        } catch (Exception e) {
          try {
            trigger.submitResponse(AsyncResponseBuilder.create(502)
                .setEntity("front: " + e, ContentType.TEXT_PLAIN).build(), context);
          } catch (HttpException | IOException ignored) {
            // the stream is gone
          }
        }
      });
    }
  }
}
