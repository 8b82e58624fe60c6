package io.tributary.server.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.broker.RequestDispatcher;
import io.tributary.protocol.codec.RequestDecoder;
import io.tributary.protocol.codec.ResponseEncoder;
import io.tributary.server.config.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty server that accepts Kafka client connections. Uses native epoll when available, NIO otherwise.
 *
 * <p>Lifecycle: {@link #bind} opens the listening sockets without accepting, so the caller can learn the
 * bound ports (port 0 picks a free one) and finish start-up before {@link #startAccepting}. {@link #close}
 * stops accepting, lets in-flight requests finish within a grace period, then closes every connection.
 */
public final class NetworkServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NetworkServer.class);

    private final NetworkSettings settings;
    private final RequestDecoder decoder;
    private final ResponseEncoder encoder;
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final AtomicLong connectionCounter = new AtomicLong();
    private final List<Channel> serverChannels = new ArrayList<>();
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup acceptorGroup;
    private final EventLoopGroup workerGroup;
    private volatile RequestDispatcher dispatcher;

    /**
     * @param settings network settings taken from the server configuration
     * @param decoder  the request decoder, shared by all connections (it must be thread-safe)
     * @param encoder  the response encoder, shared by all connections (it must be thread-safe)
     */
    public NetworkServer(NetworkSettings settings, RequestDecoder decoder, ResponseEncoder encoder) {
        this.settings = settings;
        this.decoder = decoder;
        this.encoder = encoder;
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptorGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tributary-acceptor"),
                ioHandlers);
        this.workerGroup = new MultiThreadIoEventLoopGroup(settings.networkThreads(),
                new DefaultThreadFactory("tributary-network"), ioHandlers);
    }

    /**
     * Binds every listener; connections queue in the backlog until {@link #startAccepting}.
     *
     * @return the bound address of each listener, in order
     * @throws UncheckedIOException wrapping the bind failure, naming the listener
     */
    public List<InetSocketAddress> bind(List<Endpoint> listeners) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, workerGroup)
                .channel(serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ConnectionInitializer());
        if (settings.sendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, settings.sendBufferBytes());
        }
        if (settings.receiveBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes());
        }
        List<InetSocketAddress> bound = new ArrayList<>();
        for (Endpoint listener : listeners) {
            InetSocketAddress address = listener.host().isEmpty()
                    ? new InetSocketAddress(listener.port())
                    : new InetSocketAddress(listener.host(), listener.port());
            Channel channel;
            try {
                channel = bootstrap.bind(address).sync().channel();
            } catch (Exception e) {
                throw new UncheckedIOException("Cannot bind listener " + listener + ": " + e.getMessage(),
                        new IOException(e));
            }
            serverChannels.add(channel);
            bound.add((InetSocketAddress) channel.localAddress());
            log.info("[Network] Listener {} bound to {} ({})", listener.listenerName(), channel.localAddress(),
                    epoll ? "epoll" : "nio");
        }
        return bound;
    }

    /** Starts accepting connections, whose requests go to {@code requestDispatcher}. */
    public void startAccepting(RequestDispatcher requestDispatcher) {
        this.dispatcher = requestDispatcher;
        for (Channel channel : serverChannels) {
            channel.config().setAutoRead(true);
        }
    }

    /** Returns the open client connections. */
    public ConnectionRegistry connections() {
        return registry;
    }

    /**
     * Stops accepting, waits up to {@code grace} for in-flight requests to get their responses, then closes
     * every connection and the event loops.
     */
    public void close(Duration grace) throws InterruptedException {
        for (Channel channel : serverChannels) {
            channel.close().await(5, TimeUnit.SECONDS);
        }
        registry.stopReading();
        if (!registry.awaitNoPending(grace)) {
            log.warn("[Network] Closing connections with requests still in flight after {} ms", grace.toMillis());
        }
        registry.closeAll();
        acceptorGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        log.info("[Network] Stopped");
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(10));
    }

    private Class<? extends ServerChannel> serverChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Builds the pipeline of one client connection. */
    private final class ConnectionInitializer extends ChannelInitializer<SocketChannel> {
        @Override
        protected void initChannel(SocketChannel channel) {
            String connectionId = channel.localAddress() + "-" + channel.remoteAddress() + "-"
                    + connectionCounter.incrementAndGet();
            channel.pipeline()
                    .addLast("idle", new IdleStateHandler(0, 0, settings.maxIdle().toMillis(), TimeUnit.MILLISECONDS))
                    .addLast("frames", new FrameDecoder(settings.maxRequestBytes()))
                    .addLast("requests", new RequestHandler(connectionId, decoder, encoder, dispatcher, registry));
        }
    }
}
