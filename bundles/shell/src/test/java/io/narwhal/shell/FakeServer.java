package io.narwhal.shell;

import io.narwhal.api.server.MetricFamily;
import io.narwhal.api.server.Readiness;
import io.narwhal.api.server.Server;
import io.narwhal.api.server.ServerStatus;
import io.narwhal.api.server.SettingStatus;
import java.util.ArrayList;
import java.util.List;

/** A server that answers with a fixed status and writes down every command it is given. */
final class FakeServer implements Server {
    final List<String> calls = new ArrayList<>();
    ServerStatus status = Statuses.mixed();
    List<SettingStatus> settings = List.of();
    int target = 2;
    RuntimeException refusal;

    @Override
    public ServerStatus status() {
        return status;
    }

    @Override
    public Readiness readiness() {
        return Readiness.of(List.of());
    }

    @Override
    public List<MetricFamily> metrics() {
        return List.of();
    }

    @Override
    public int scale(int workers) {
        take("scale " + workers);
        return target = workers;
    }

    @Override
    public int increase(int by) {
        take("increase " + by);
        return target += by;
    }

    @Override
    public int decrease(int by) {
        take("decrease " + by);
        return target = Math.max(1, target - by);
    }

    @Override
    public void kill(int workerId, boolean force) {
        take("kill " + workerId + (force ? " force" : ""));
    }

    @Override
    public List<SettingStatus> configuration() {
        return settings;
    }

    @Override
    public SettingStatus configure(String key, String value) {
        take("configure " + key + "=" + value);
        return new SettingStatus(key, value, "config/narwhal.server.cfg", "");
    }

    @Override
    public void reload() {
        take("reload");
    }

    @Override
    public void reopenLogs() {
        take("reopenLogs");
    }

    @Override
    public void stop(boolean graceful) {
        take("stop" + (graceful ? " graceful" : " quick"));
    }

    private void take(String call) {
        if (refusal != null) {
            throw refusal;
        }
        calls.add(call);
    }
}
