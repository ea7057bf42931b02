package org.caseguard.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP relay in front of an HTTP server that keeps the head (request line and headers) of every request
 * passing through, byte for byte, and changes nothing. It shows what a client really sent where the server drops it:
 * S3Mock accepts PutObject's Object Lock headers and does not store them, so GetObjectRetention cannot show them.
 */
public final class RequestTap implements AutoCloseable {
    private static final Pattern HEAD = Pattern.compile("(GET|PUT|POST|DELETE|HEAD) (\\S+) HTTP/1\\.1\\r\\n(.*?)\\r\\n\\r\\n",
        Pattern.DOTALL);

    /** One request as sent: method, path with query, headers by lower-case name. */
    public record Request(String method, String path, Map<String, String> headers) {
    }

    private final ServerSocket server;
    private final URI target;
    private final List<ByteArrayOutputStream> sent = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private RequestTap(ServerSocket server, URI target) {
        this.server = server;
        this.target = target;
    }

    /** Starts relaying from a fresh loopback port to {@code target} (http://host:port). */
    public static RequestTap inFrontOf(URI target) throws IOException {
        RequestTap tap = new RequestTap(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        Thread acceptor = new Thread(tap::accept, "request-tap");
        acceptor.setDaemon(true);
        acceptor.start();
        return tap;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Every request head relayed so far, in order per connection. */
    public List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        for (ByteArrayOutputStream connection : sent) {
            String bytes;
            synchronized (connection) {
                bytes = connection.toString(StandardCharsets.ISO_8859_1);
            }
            Matcher head = HEAD.matcher(bytes);
            while (head.find()) {
                Map<String, String> headers = new TreeMap<>();
                for (String line : head.group(3).split("\r\n")) {
                    int colon = line.indexOf(':');
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
                requests.add(new Request(head.group(1), head.group(2), headers));
            }
        }
        return requests;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                ByteArrayOutputStream record = new ByteArrayOutputStream();
                sent.add(record);
                relay(client, upstream, record);
                relay(upstream, client, null);
            } catch (IOException e) {
                // closed, or the target refused: the client sees its connection end
            }
        }
    }

    private static void relay(Socket from, Socket to, ByteArrayOutputStream record) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (record != null) {
                        synchronized (record) {
                            record.write(buffer, 0, read);
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            }
        }, "request-tap-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
