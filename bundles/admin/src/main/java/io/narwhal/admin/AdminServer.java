package io.narwhal.admin;

import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.server.Server;
import io.narwhal.launch.LaunchProperties;
import io.narwhal.launch.ProcessExit;
import io.narwhal.settings.BindAddress;
import io.narwhal.settings.InvalidSettingException;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's admin listener on {@code metrics_bind}: metrics and health for Prometheus, load balancers and
 * Kubernetes, answered from what the master's loop knows ({@link AdminRoutes}). Its own socket, never the workers':
 * a probe must reach the master however busy the workers are. Off when metrics_bind is empty; an address it cannot
 * bind stops the master at start, as a bind that fails does.
 */
@Component(immediate = true)
public final class AdminServer {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    @Reference
    private Server server;
    @Reference(target = "(" + HttpCodec.PROTOCOL + "=http/1.1)")
    private HttpCodec codec;

    private AdminListener listener;

    @Activate
    void activate(BundleContext context) {
        BindAddress bind;
        try {
            bind = LaunchProperties.initialSettings(context::getProperty).metricsBind();
        } catch (InvalidSettingException e) {
            return; // the supervisor reports the same settings' error, and stops the master
        }
        if (bind == null) {
            return;
        }
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.bind(bind.resolve(), AdminListener.MOST_CONNECTIONS);
        } catch (IOException | InvalidSettingException e) {
            LOG.error("cannot listen for metrics and health at {} (metrics_bind): {}", bind, e.getMessage());
            closeQuietly(channel);
            ProcessExit.request(context, 1);
            return;
        }
        listener = new AdminListener(channel, codec, new AdminRoutes(server));
        LOG.info("Metrics at http://{}/metrics, health at /health/live and /health/ready", listener.address());
    }

    @Deactivate
    void deactivate() {
        if (listener != null) {
            listener.close();
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // it was never listening
        }
    }
}
