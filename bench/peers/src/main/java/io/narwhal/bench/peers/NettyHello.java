package io.narwhal.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4.2: {@link HttpServerCodec} and one handler answering every request with a pre-built "Hello, World!"
 * text/plain response; keep-alive as the client asks (HTTP/1.1's default, or Connection: close honoured).
 *
 * <p>Usage: {@code java -jar netty-hello.jar PORT [--nio]}. One event loop thread accepts and serves every
 * connection, with the epoll native transport (or NIO with {@code --nio}, or when epoll is not available).
 * Responses are flushed once per read batch (channelReadComplete), so pipelined requests share one write.
 * Date and Server headers are sent as every other server in the benchmark sends them; the Date value is
 * formatted once a second, not per response.
 */
public final class NettyHello {
    private static final ByteBuf HELLO = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes("Hello, World!".getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString LENGTH = AsciiString.cached(String.valueOf(HELLO.readableBytes()));
    private static final AsciiString SERVER = AsciiString.cached("netty");
    private static volatile AsciiString date = now();

    private static AsciiString now() {
        return new AsciiString(DateFormatter.format(new Date()));
    }

    static final class Hello extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (!(message instanceof HttpRequest request)) {
                return; // the request's (empty) content: nothing to do
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    HELLO.duplicate());
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN)
                    .set(HttpHeaderNames.CONTENT_LENGTH, LENGTH)
                    .set(HttpHeaderNames.SERVER, SERVER)
                    .set(HttpHeaderNames.DATE, date);
            if (HttpUtil.isKeepAlive(request)) {
                ctx.write(response, ctx.voidPromise());
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.write(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset client, mostly: nothing to report in a benchmark
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean epoll = !java.util.Arrays.asList(args).contains("--nio") && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, io);
        loop.next().scheduleAtFixedRate(() -> date = now(), 1, 1, TimeUnit.SECONDS);
        try {
            Channel server = new ServerBootstrap()
                    .group(loop) // the same single thread accepts and serves
                    .channel(serverChannel)
                    .option(ChannelOption.SO_BACKLOG, 2048) // as Narwhal's and Gunicorn's listeners
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new Hello());
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            System.out.println("netty listening on 127.0.0.1:" + port + ", transport " + (epoll ? "epoll" : "nio")
                    + ", 1 event loop thread");
            server.closeFuture().sync();
        } finally {
            loop.shutdownGracefully();
        }
    }
}
