package io.tributary.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100));

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void frameSplitAcrossReadsIsReassembled() {
        channel.writeInbound(Unpooled.buffer().writeInt(6).writeShort(1));
        assertThat((Object) channel.readInbound()).isNull();

        channel.writeInbound(Unpooled.buffer().writeInt(0x01020304).writeInt(5));

        ByteBuf frame = channel.readInbound();
        try {
            assertThat(frame.readableBytes()).isEqualTo(6);
            assertThat(frame.readShort()).isEqualTo((short) 1);
            assertThat(frame.readInt()).isEqualTo(0x01020304);
        } finally {
            frame.release();
        }
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void severalFramesInOneReadAreSplit() {
        channel.writeInbound(Unpooled.buffer().writeInt(1).writeByte(7).writeInt(0).writeInt(2).writeShort(9));

        ByteBuf first = channel.readInbound();
        ByteBuf second = channel.readInbound();
        ByteBuf third = channel.readInbound();
        try {
            assertThat(first.readableBytes()).isEqualTo(1);
            assertThat(second.readableBytes()).isZero();
            assertThat(third.readShort()).isEqualTo((short) 9);
        } finally {
            first.release();
            second.release();
            third.release();
        }
    }

    @Test
    void frameOfMaxSizeIsAccepted() {
        channel.writeInbound(Unpooled.buffer().writeInt(100).writeZero(100));

        ByteBuf frame = channel.readInbound();
        try {
            assertThat(frame.readableBytes()).isEqualTo(100);
        } finally {
            frame.release();
        }
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void oversizePrefixClosesConnection() {
        ByteBuf input = Unpooled.buffer().writeInt(2_000_000_000).writeLong(42);

        channel.writeInbound(input);

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.isActive()).isFalse();
        assertThat(input.refCnt()).isZero();
    }

    @Test
    void sizeJustAboveMaxClosesConnection() {
        channel.writeInbound(Unpooled.buffer().writeInt(101));

        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void negativeSizeClosesConnection() {
        channel.writeInbound(Unpooled.buffer().writeInt(-1).writeInt(0));

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.isActive()).isFalse();
    }
}
