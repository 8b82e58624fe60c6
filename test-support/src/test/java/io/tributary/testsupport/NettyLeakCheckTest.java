package io.tributary.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

class NettyLeakCheckTest {

    @Test
    void releasedBufferPasses() {
        NettyLeakCheck.start();
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(128);
        buffer.writeLong(42L);
        buffer.release();

        assertThatCode(() -> NettyLeakCheck.assertNoLeaks("releasedBufferPasses")).doesNotThrowAnyException();
    }

    @Test
    void droppedBufferFails() {
        ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            NettyLeakCheck.start();
            leakOneBuffer();

            assertThatThrownBy(() -> NettyLeakCheck.assertNoLeaks("droppedBufferFails"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("leaked buffer");
        } finally {
            ResourceLeakDetector.setLevel(previous);
        }
    }

    private static void leakOneBuffer() {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(128);
        buffer.writeLong(7L);
    }
}
