package io.narwhal.itests.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network namespaces made for one test, each a host of its own on this machine: joined to the root namespace by a
 * veth pair, 10.213.N.2/24 inside (loopback up too), 10.213.N.1/24 on the root side, N a /24 no interface here uses
 * yet. Names carry this JVM's PID ({@code nwmh-PID-I}, links {@code nwmhPIDrI}), so a later run removes what a crashed
 * one left (its PID no longer alive) and never touches a live run's. Making them needs root and iproute2.
 */
final class NetworkNamespaces implements AutoCloseable {
    private static final List<Path> IP_BINARIES = List.of(Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"),
            Path.of("/usr/bin/ip"), Path.of("/bin/ip"));
    private static final Pattern OURS = Pattern.compile("nwmh-?(\\d+)[-r]\\d+");
    private static final Pattern SUBNET_IN_USE = Pattern.compile("inet 10\\.213\\.(\\d+)\\.");
    private static final long PID = ProcessHandle.current().pid();

    /** One namespace: its name, the root side's link, and the addresses inside and on the root side. */
    record Namespace(String name, String rootLink, InetAddress address, InetAddress rootAddress) {
        /** The PIDs of every process running in it. */
        List<Long> pids() throws IOException {
            return ip("netns", "pids", name).lines().filter(line -> !line.isBlank()).map(Long::parseLong).toList();
        }
    }

    private final List<Namespace> namespaces = new ArrayList<>();

    private NetworkNamespaces() {
    }

    /**
     * Why no namespace can be made here, found by making one (with its veth pair) and removing it; null where they
     * can. Leftovers of crashed runs are removed first.
     */
    static String whyUnavailable() {
        if (ipBinary() == null) {
            return "network namespaces cannot be made: iproute2's ip is not installed (looked for " + IP_BINARIES + ")";
        }
        try {
            removeLeftovers();
            create(1).close();
            return null;
        } catch (IOException e) {
            return "network namespaces cannot be made here (root and iproute2 are needed): " + e.getMessage();
        }
    }

    /** Makes this many namespaces; on any failure, removes those already made. */
    static NetworkNamespaces create(int count) throws IOException {
        NetworkNamespaces made = new NetworkNamespaces();
        try {
            Set<Integer> used = subnetsInUse();
            int subnet = 0;
            for (int i = 1; i <= count; i++) {
                do {
                    subnet++;
                } while (used.contains(subnet));
                if (subnet > 254) {
                    throw new IOException("no free 10.213.N.0/24 left for a namespace");
                }
                made.add(i, subnet);
            }
        } catch (IOException | RuntimeException e) {
            made.close();
            throw e;
        }
        return made;
    }

    private void add(int index, int subnet) throws IOException {
        String name = "nwmh-" + PID + "-" + index;
        String rootLink = "nwmh" + PID + "r" + index;
        String inside = "nwmh" + PID + "n" + index;
        Namespace namespace = new Namespace(name, rootLink, InetAddress.ofLiteral("10.213." + subnet + ".2"),
                InetAddress.ofLiteral("10.213." + subnet + ".1"));
        ip("netns", "add", name);
        // Recorded before it is complete, so that close() also removes a half-made one.
        namespaces.add(namespace);
        ip("link", "add", rootLink, "type", "veth", "peer", "name", inside, "netns", name);
        ip("addr", "add", namespace.rootAddress().getHostAddress() + "/24", "dev", rootLink);
        ip("link", "set", rootLink, "up");
        ip("-n", name, "addr", "add", namespace.address().getHostAddress() + "/24", "dev", inside);
        ip("-n", name, "link", "set", inside, "up");
        ip("-n", name, "link", "set", "lo", "up");
    }

    List<Namespace> namespaces() {
        return List.copyOf(namespaces);
    }

    /** The command that runs a program in this namespace: {@code ip netns exec NAME}, to put before it. */
    static List<String> exec(Namespace namespace) {
        return List.of(ipBinary().toString(), "netns", "exec", namespace.name());
    }

    /** Every process still in them is killed, then each namespace and its veth pair is removed. */
    @Override
    public void close() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Namespace namespace : namespaces) {
            try {
                remove(namespace.name(), namespace.rootLink());
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        namespaces.clear();
        if (!failures.isEmpty()) {
            throw new IOException("could not remove every namespace: " + failures);
        }
    }

    /**
     * The root side's link first: removing one end of a veth pair removes both. (Removing the namespace would take
     * the pair too, but later, as the kernel tears the namespace down.)
     */
    private static void remove(String name, String rootLink) throws IOException {
        if (rootLink != null && linkExists(rootLink)) {
            ip("link", "del", rootLink);
        }
        if (ip("netns", "list").lines().anyMatch(line -> line.split(" ")[0].equals(name))) {
            for (String pid : ip("netns", "pids", name).lines().filter(line -> !line.isBlank()).toList()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
            ip("netns", "del", name);
        }
    }

    /** Links and namespaces of this naming whose run's PID is no longer alive, links first as in remove. */
    private static void removeLeftovers() throws IOException {
        for (String line : ip("-o", "link", "show").lines().toList()) {
            String name = line.split(": ")[1].split("@")[0];
            if (isLeftover(name)) {
                ip("link", "del", name);
            }
        }
        for (String line : ip("netns", "list").lines().toList()) {
            String name = line.split(" ")[0];
            if (isLeftover(name)) {
                remove(name, null);
            }
        }
    }

    private static boolean isLeftover(String name) {
        Matcher matcher = OURS.matcher(name);
        return matcher.matches() && !NarwhalProcess.isAlive(Long.parseLong(matcher.group(1)));
    }

    private static boolean linkExists(String name) throws IOException {
        return ip("-o", "link", "show").lines().anyMatch(line -> line.split(": ")[1].split("@")[0].equals(name));
    }

    private static Set<Integer> subnetsInUse() throws IOException {
        Set<Integer> used = new HashSet<>();
        Matcher matcher = SUBNET_IN_USE.matcher(ip("-4", "-o", "addr", "show"));
        while (matcher.find()) {
            used.add(Integer.parseInt(matcher.group(1)));
        }
        return used;
    }

    private static Path ipBinary() {
        return IP_BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Runs ip with these arguments and returns what it printed; a failure is an IOException saying what it said. */
    private static String ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ipBinary().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output.strip());
        }
        return output;
    }
}
