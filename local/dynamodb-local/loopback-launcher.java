/*
 * Starts Amazon's DynamoDB Local listening on 127.0.0.1 only, and closed to web browsers.
 *
 * DynamoDB Local has no host option: DynamoDBProxyServer(int, handler) does `new Server(port)`, a
 * Jetty server on every interface. This launcher lets DynamoDB Local build its server from the usual
 * command line, then, before `start()`, sets the host of each of the Jetty server's connectors to
 * 127.0.0.1 (the server is the private field `server` of DynamoDBProxyServer) and wraps its handler
 * in a guard that refuses requests with an Origin header (only browsers send one) or a Host that is
 * not a loopback name (a web page's domain rebound to 127.0.0.1). See local/dynamodb-local/.
 *
 * Run in source-file mode (JEP 330; needs the jdk.compiler module):
 *   java -Djava.library.path=<dir>/DynamoDBLocal_lib -cp <dir>/DynamoDBLocal.jar:<dir>/DynamoDBLocal_lib/* \
 *        loopback-launcher.java -inMemory -sharedDb -port 8000 -disableTelemetry -cors ''
 * With -Dvigil.launcher.cache=<dir> and -Dvigil.launcher.source=<this file>, it also compiles itself
 * into <dir> once started, so later starts run the class and skip the compiler.
 */
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

// Not public: javac would then require the file to be named VigilDynamoDbLocal.java.
final class VigilDynamoDbLocal {
  private VigilDynamoDbLocal() {}

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    // -help and -version print and return no server.
    if (proxy == null) return;
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      if (!(connector instanceof ServerConnector)) {
        throw new IllegalStateException("DynamoDB Local has a connector this launcher cannot bind to 127.0.0.1: " + connector);
      }
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    server.setHandler(new BrowserGuard(server.getHandler()));
    proxy.start();
    cacheCompiledClass();
  }

  /** Refuses what only a web browser sends; everything else goes on to DynamoDB Local. */
  static final class BrowserGuard extends Handler.Wrapper {
    private static final Pattern LOOPBACK_HOST = Pattern.compile("^(127(\\.\\d{1,3}){3}|([a-z0-9-]+\\.)*localhost|\\[::1\\])(:\\d{1,5})?$", Pattern.CASE_INSENSITIVE);

    BrowserGuard(Handler handler) {
      super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String origin = request.getHeaders().get(HttpHeader.ORIGIN);
      String host = request.getHeaders().get(HttpHeader.HOST);
      if (origin == null && host != null && LOOPBACK_HOST.matcher(host).matches()) return super.handle(request, response, callback);
      String message = origin != null
          ? "Requests from web pages are refused: DynamoDB Local of the Vigil local stack serves SDKs and tools, not browsers."
          : "Host is not a loopback name: DynamoDB Local of the Vigil local stack answers only requests to 127.0.0.1, [::1] or localhost.";
      response.setStatus(403);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.0");
      response.getHeaders().put("x-amzn-ErrorType", "AccessDeniedException");
      String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#AccessDeniedException\",\"message\":\"" + message + "\"}";
      Content.Sink.write(response, true, body, callback);
      return true;
    }
  }

  // Best effort, in the background, at low priority: a failure only means the next start compiles again.
  private static void cacheCompiledClass() {
    String cache = System.getProperty("vigil.launcher.cache");
    String source = System.getProperty("vigil.launcher.source");
    if (cache == null || source == null) return;
    Thread thread = new Thread(() -> {
      try {
        Path target = Path.of(cache);
        Files.createDirectories(target.getParent());
        Path scratch = Files.createTempDirectory(target.getParent(), ".compiling-");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler == null ? -1 : compiler.run(null, OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), "--release", "17", "-proc:none", "-nowarn", "-d", scratch.toString(), "-cp", System.getProperty("java.class.path"), source);
        if (status == 0) Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        else deleteTree(scratch);
      } catch (Exception ignored) {
        // Another start cached it first, or the folder is not writable: nothing to do.
      }
    }, "vigil-launcher-cache");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
    }
  }
}
