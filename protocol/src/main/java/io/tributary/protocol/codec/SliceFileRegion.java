package io.tributary.protocol.codec;

import io.netty.channel.DefaultFileRegion;
import io.tributary.protocol.message.RecordsPayload;

/**
 * A {@link DefaultFileRegion} over the open channel of a {@link RecordsPayload.FileSlice}. It stays a
 * {@code DefaultFileRegion} so that Netty's epoll transport still sends it with native {@code sendfile}.
 *
 * <p>Ownership: the region owns the slice. When its reference count reaches zero (after the transfer, after
 * a failed write, or when the frame is released unsent), {@link #deallocate()} releases the slice instead of
 * closing the channel, because storage shares the channel with other readers. Netty 4.2's
 * {@code DefaultFileRegion.deallocate()} would close it.
 */
final class SliceFileRegion extends DefaultFileRegion {

    private final RecordsPayload.FileSlice slice;

    SliceFileRegion(RecordsPayload.FileSlice slice) {
        super(slice.channel(), slice.position(), slice.size());
        this.slice = slice;
    }

    /** Returns the slice this region sends. */
    RecordsPayload.FileSlice slice() {
        return slice;
    }

    @Override
    protected void deallocate() {
        slice.release();
    }
}
