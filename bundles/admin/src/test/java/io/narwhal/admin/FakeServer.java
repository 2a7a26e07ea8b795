package io.narwhal.admin;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.Readiness;
import io.narwhal.api.server.Server;
import io.narwhal.api.server.ServerStatus;
import io.narwhal.api.server.SettingStatus;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A server whose readiness and metrics a test sets; it can be made to hang or refuse, as a stuck master would. */
final class FakeServer implements Server {
    volatile Readiness readiness = Readiness.of(List.of());
    volatile List<MetricFamily> metrics = List.of();
    volatile CountDownLatch stuck;
    volatile RuntimeException refusal;

    private void answerOrNot() {
        CountDownLatch latch = stuck;
        if (latch != null) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (refusal != null) {
            throw refusal;
        }
    }

    @Override
    public Readiness readiness() {
        answerOrNot();
        return readiness;
    }

    @Override
    public List<MetricFamily> metrics() {
        answerOrNot();
        return metrics;
    }

    @Override
    public ServerStatus status() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int scale(int workers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int increase(int by) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int decrease(int by) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void kill(int workerId, boolean force) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SettingStatus> configuration() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SettingStatus configure(String key, String value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reload() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reopenLogs() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(boolean graceful) {
        throw new UnsupportedOperationException();
    }
}
