package org.caseguard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.subethamail.wiser.Wiser;

/**
 * The world outside the agency for the benchmark: a loopback SMTP server (the James remote delivery gateway) that
 * keeps no messages, only the arrival time of each X-Bench-Id.
 */
final class OutsideSink extends Wiser implements AutoCloseable {
    private static final Pattern BENCH_ID = Pattern.compile("(?im)^X-Bench-Id:\\s*(\\S+)");

    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();

    static OutsideSink open() throws IOException {
        OutsideSink sink = new OutsideSink();
        sink.setHostname("outside.test");
        sink.getServer().setBindAddress(InetAddress.getLoopbackAddress());
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            sink.setPort(socket.getLocalPort());
        }
        sink.start();
        return sink;
    }

    int port() {
        return getServer().getPort();
    }

    @Override
    public boolean accept(String from, String recipient) {
        return true;
    }

    @Override
    public void deliver(String from, String recipient, InputStream data) throws IOException {
        byte[] raw = data.readAllBytes();
        long now = System.nanoTime();
        String text = new String(raw, 0, Math.min(raw.length, 4096), StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        Matcher matcher = BENCH_ID.matcher(headerEnd < 0 ? text : text.substring(0, headerEnd));
        if (matcher.find()) {
            arrivals.putIfAbsent(matcher.group(1), now);
        }
        count.incrementAndGet();
    }

    Long arrivedAt(String benchId) {
        return arrivals.get(benchId);
    }

    long count() {
        return count.get();
    }

    @Override
    public void close() {
        stop();
    }
}
