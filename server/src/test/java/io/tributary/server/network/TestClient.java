package io.tributary.server.network;

import io.netty.buffer.ByteBuf;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

/** A blocking client for the fake wire format of {@link FakeCodec}, with a read timeout of 10 s. */
public final class TestClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public TestClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends the readable bytes of {@code buffer} and releases it. */
    public void send(ByteBuf buffer) throws IOException {
        try {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            out.write(bytes);
            out.flush();
        } finally {
            buffer.release();
        }
    }

    /** Reads one response as {correlation id, kind}; returns null if the server closed the connection. */
    public int[] readResponse() throws IOException {
        try {
            int size = in.readInt();
            if (size != 8) {
                throw new IOException("Unexpected response size " + size);
            }
            return new int[] {in.readInt(), in.readInt()};
        } catch (EOFException e) {
            return null;
        }
    }

    /** Returns true once the server has closed the connection, blocking up to the read timeout. */
    public boolean awaitClosedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
