package io.tributary.server.network;

import io.netty.buffer.ByteBuf;
import io.tributary.broker.RequestDispatcher;
import io.tributary.protocol.ApiKey;
import io.tributary.server.Codec;
import java.util.List;

/** Gives tests outside this package the fake codec and a scripted dispatcher. */
public final class FakeNetwork {

    private final FakeCodec codec = new FakeCodec();
    private final ScriptedDispatcher dispatcher = new ScriptedDispatcher(false);

    public Codec codec() {
        return new Codec(codec, codec);
    }

    public RequestDispatcher dispatcher() {
        return dispatcher;
    }

    public List<Integer> dispatched() {
        return dispatcher.dispatched();
    }

    public void completeOk(int correlationId) {
        dispatcher.completeOk(correlationId);
    }

    public static ByteBuf request(ApiKey apiKey, int correlationId) {
        return FakeCodec.request(apiKey, correlationId);
    }

    public static ByteBuf raw(short apiKey, short version, int correlationId) {
        return FakeCodec.raw(apiKey, version, correlationId);
    }
}
