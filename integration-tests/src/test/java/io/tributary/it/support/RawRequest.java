package io.tributary.it.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * Sends one request built with kafka-clients' request classes on a new connection to a broker on 127.0.0.1 and
 * parses the response with kafka-clients. Tests use it for APIs that kafka-clients' Admin no longer offers, such
 * as AlterConfigs, which Admin dropped in Kafka 4.0.
 */
public final class RawRequest {

    private static final int TIMEOUT_MS = 10_000;

    private RawRequest() {
    }

    /** Sends {@code request} at its version and returns the parsed response. */
    public static AbstractResponse send(int port, AbstractRequest request) throws IOException {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "raw-request", 1);
        ByteBuffer buffer = exchange(port, request.serializeWithHeader(header));
        ResponseHeader.parse(buffer, request.apiKey().responseHeaderVersion(request.version()));
        return AbstractResponse.parseResponse(request.apiKey(), new ByteBufferAccessor(buffer), request.version());
    }

    /**
     * Writes one request frame, given without its size prefix, on a new connection and returns the response
     * frame without its size prefix, positioned at the response header.
     */
    public static ByteBuffer exchange(int port, ByteBuffer frame) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);

            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(frame.remaining());
            out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return ByteBuffer.wrap(body);
        }
    }
}
