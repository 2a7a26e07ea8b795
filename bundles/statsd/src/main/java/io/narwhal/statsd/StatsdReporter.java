package io.narwhal.statsd;

import io.narwhal.api.server.Server;
import io.narwhal.launch.LaunchProperties;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.StatsdSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gunicorn's statsd instrumentation, from the master: once a second the server's metrics go to statsd_host as UDP
 * datagrams ({@link StatsdLines}). Sent by the master, not per request by the workers as Gunicorn does: a request pays
 * nothing for it, and a statsd that is slow or gone holds up nobody. Off when statsd_host is empty.
 */
@Component(immediate = true)
public final class StatsdReporter {
    private static final Logger LOG = LoggerFactory.getLogger(StatsdReporter.class);
    static final Duration FLUSH_EVERY = Duration.ofSeconds(1);

    @Reference
    private Server server;

    private DatagramChannel channel;
    private Thread flusher;
    private boolean failedBefore;

    @Activate
    void activate(BundleContext context) {
        StatsdSettings statsd;
        try {
            statsd = LaunchProperties.initialSettings(context::getProperty).statsd();
        } catch (InvalidSettingException e) {
            return; // the supervisor reports the same settings' error, and stops the master
        }
        if (statsd.host() == null) {
            return;
        }
        InetSocketAddress target;
        try {
            target = statsd.host().resolve();
            channel = DatagramChannel.open();
        } catch (InvalidSettingException | IOException e) {
            LOG.error("statsd_host {}: {}; no statsd metrics are sent", statsd.host(), e.getMessage());
            return;
        }
        StatsdLines lines = new StatsdLines(statsd.namePrefix(), statsd.tags());
        flusher = Thread.ofPlatform().daemon().name("narwhal-statsd").start(() -> flushEverySecond(lines, target));
        LOG.info("Sending statsd metrics to {} every {} s", statsd.host(), FLUSH_EVERY.toSeconds());
    }

    private void flushEverySecond(StatsdLines lines, InetSocketAddress target) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(FLUSH_EVERY);
                flush(lines, target);
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private void flush(StatsdLines lines, InetSocketAddress target) {
        try {
            for (byte[] payload : Datagrams.of(lines.next(server.metrics()))) {
                channel.send(ByteBuffer.wrap(payload), target);
            }
            failedBefore = false;
        } catch (IOException | RuntimeException e) {
            // The master's loop busy or stopping, or the network: the next flush tries again, counters intact.
            if (!failedBefore) {
                LOG.warn("statsd: cannot send the metrics to {}: {}", target, e.getMessage());
                failedBefore = true;
            }
        }
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        if (flusher != null) {
            flusher.interrupt();
            flusher.join(FLUSH_EVERY.toMillis());
        }
        if (channel != null) {
            channel.close();
        }
    }
}
