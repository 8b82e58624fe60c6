package io.tributary.it.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * A TCP proxy on 127.0.0.1 that forwards Kafka frames between clients and one broker, and can drop
 * responses: a response is dropped when the predicate, given the API key of the request it answers,
 * says so. The client then sees its request time out, as it would on a lost packet after the broker
 * already acted on the request.
 *
 * <p>An optional request listener sees every request frame, size prefix removed, before it is forwarded.
 *
 * <p>The broker's Metadata responses advertise the broker's own address, so clients that follow the
 * advertised address bypass the proxy; tests point the broker's advertised listener at the proxy port.
 */
public final class FrameProxy implements AutoCloseable {

    private final ServerSocket listener;
    private volatile InetSocketAddress upstream;
    private final IntPredicate dropResponseFor;
    private final Consumer<ByteBuffer> requestListener;
    private final AtomicInteger droppedResponses = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Starts a proxy on an ephemeral port. It accepts connections at once but forwards them only once
     * {@link #forwardTo} has named the broker, so the broker can be started with the proxy's port as its
     * advertised port.
     *
     * @param dropResponseFor called with the API key of each request; true drops that request's response
     */
    public FrameProxy(IntPredicate dropResponseFor) throws IOException {
        this(dropResponseFor, frame -> { });
    }

    /**
     * Starts a proxy like {@link #FrameProxy(IntPredicate)} that also hands each request frame to
     * {@code requestListener}.
     *
     * @param dropResponseFor called with the API key of each request; true drops that request's response
     * @param requestListener called on the connection's forwarding thread with a read-only buffer that
     *                        contains one request frame, header and body without the size prefix. It must
     *                        not block, because the request is forwarded only after it returns
     */
    public FrameProxy(IntPredicate dropResponseFor, Consumer<ByteBuffer> requestListener) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.dropResponseFor = dropResponseFor;
        this.requestListener = requestListener;
        this.acceptor = new Thread(this::acceptLoop, "frame-proxy-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Sets the broker that new connections are forwarded to. */
    public void forwardTo(InetSocketAddress broker) {
        this.upstream = broker;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Returns how many responses were dropped so far. */
    public int droppedResponses() {
        return droppedResponses.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                InetSocketAddress target = upstream;
                if (target == null) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(target.getAddress(), target.getPort());
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                Map<Integer, Integer> apiKeyByCorrelationId = new ConcurrentHashMap<>();
                start("frame-proxy-up", () -> forwardRequests(client, server, apiKeyByCorrelationId));
                start("frame-proxy-down", () -> forwardResponses(server, client, apiKeyByCorrelationId));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("proxy accept failed", e);
                }
            }
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void forwardRequests(Socket client, Socket server, Map<Integer, Integer> apiKeyByCorrelationId) {
        try (DataInputStream in = new DataInputStream(client.getInputStream());
             DataOutputStream out = new DataOutputStream(server.getOutputStream())) {
            while (true) {
                byte[] frame = readFrame(in);
                ByteBuffer header = ByteBuffer.wrap(frame);
                short apiKey = header.getShort(0);
                int correlationId = header.getInt(4);
                apiKeyByCorrelationId.put(correlationId, (int) apiKey);
                requestListener.accept(ByteBuffer.wrap(frame).asReadOnlyBuffer());
                writeFrame(out, frame);
            }
        } catch (IOException e) {
            closeQuietly(client, server);
        }
    }

    private void forwardResponses(Socket server, Socket client, Map<Integer, Integer> apiKeyByCorrelationId) {
        try (DataInputStream in = new DataInputStream(server.getInputStream());
             DataOutputStream out = new DataOutputStream(client.getOutputStream())) {
            while (true) {
                byte[] frame = readFrame(in);
                int correlationId = ByteBuffer.wrap(frame).getInt(0);
                Integer apiKey = apiKeyByCorrelationId.remove(correlationId);
                if (apiKey != null && dropResponseFor.test(apiKey)) {
                    droppedResponses.incrementAndGet();
                    continue;
                }
                writeFrame(out, frame);
            }
        } catch (IOException e) {
            closeQuietly(client, server);
        }
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 8 || size > 64 * 1024 * 1024) {
            throw new IOException("invalid frame size " + size);
        }
        byte[] frame = new byte[size];
        in.readFully(frame);
        return frame;
    }

    private static void writeFrame(DataOutputStream out, byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }

    private static void closeQuietly(Socket... toClose) {
        for (Socket socket : toClose) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed by the other direction.
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        synchronized (sockets) {
            closeQuietly(sockets.toArray(new Socket[0]));
        }
    }
}
