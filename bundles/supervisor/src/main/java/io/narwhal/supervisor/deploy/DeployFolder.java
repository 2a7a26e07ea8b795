package io.narwhal.supervisor.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's view of the deploy folder. FileInstall watches it and hands every jar there to this installer,
 * which installs nothing: it waits for the file to settle (unchanged over {@link #SETTLED_CHECKS} looks, a
 * jar still being copied is left alone), copies it to the staging folder under its checksum, checks it is an
 * app bundle, and tells the listener of the new revision once per settled content. A jar that is not an app
 * is refused with one line saying why, and looked at again when it changes.
 */
public final class DeployFolder implements ArtifactInstaller, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeployFolder.class);
    static final long SETTLE_POLL_MILLIS = 150;
    static final int SETTLED_CHECKS = 2;
    static final long PRUNE_AFTER_MILLIS = 60_000;

    /** What the arbiter hears from the folder. Called on the folder's own thread. */
    public interface Listener {
        void changed(AppRevision revision);

        void removed(String app);
    }

    private final Path folder;
    private final Path staging;
    private volatile Listener listener;
    private final ScheduledExecutorService settler = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("narwhal-deploy-folder").unstarted(runnable));
    /** Per app: the file's size and modification time at the last look, and how many looks it has been the same. */
    private final Map<String, Settling> settling = new ConcurrentHashMap<>();
    /** Per app: the checksum last taken in or refused, so the same content is never handed on twice. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    public DeployFolder(Path folder, Path staging) throws IOException {
        this.folder = folder.toAbsolutePath().normalize();
        this.staging = Files.createDirectories(staging);
    }

    /** Who hears of changes from now on (after {@link #scan}, before FileInstall starts watching). */
    public void listen(Listener newListener) {
        listener = newListener;
    }

    public Path folder() {
        return folder;
    }

    /**
     * The apps in the folder now, read at once (no settling): what the first workers boot with. A jar refused
     * here is looked at again when FileInstall reports it changed.
     */
    public List<AppRevision> scan() throws IOException {
        List<AppRevision> revisions = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            throw new IOException("the deploy folder " + folder + " does not exist");
        }
        try (var jars = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : jars) {
                try {
                    AppRevision revision = take(jar);
                    if (revision != null) {
                        revisions.add(revision);
                    }
                } catch (IOException e) {
                    // One unreadable file is refused; the others still start.
                    LOG.error("deploy/{} refused: cannot read it ({})", jar.getFileName(), e.toString());
                }
            }
        }
        revisions.sort(Comparator.comparing(AppRevision::app));
        return revisions;
    }

    /**
     * A jar directly in the folder. FileInstall names files by the folder's canonical path, which differs from
     * {@link #folder} when that goes through a symbolic link: a jar not claimed here FileInstall would install
     * into the master itself.
     */
    @Override
    public boolean canHandle(File artifact) {
        if (!artifact.getName().endsWith(".jar")) {
            return false;
        }
        Path parent = artifact.toPath().toAbsolutePath().getParent();
        if (folder.equals(parent)) {
            return true;
        }
        try {
            return parent != null && Files.isSameFile(folder, parent);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void install(File artifact) {
        settleThenTake(artifact.toPath());
    }

    @Override
    public void update(File artifact) {
        settleThenTake(artifact.toPath());
    }

    @Override
    public void uninstall(File artifact) {
        String app = artifact.getName();
        settling.remove(app);
        Listener current = listener;
        if (seen.remove(app) != null && current != null) {
            LOG.info("deploy/{} was removed: undeploying it", app);
            current.removed(app);
        }
    }

    private void settleThenTake(Path jar) {
        String app = jar.getFileName().toString();
        // A burst of changes restarts the wait each time: only the content that stays is taken.
        if (settling.put(app, new Settling(-1, -1, 0)) == null) {
            settler.schedule(() -> look(jar), SETTLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void look(Path jar) {
        String app = jar.getFileName().toString();
        Settling before = settling.get(app);
        if (before == null) {
            return; // removed meanwhile
        }
        Settling now;
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            now = before.next(attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            settling.remove(app);
            return; // gone: FileInstall reports the removal
        }
        if (now.sameLooks() < SETTLED_CHECKS) {
            settling.put(app, now);
            settler.schedule(() -> look(jar), SETTLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        settling.remove(app);
        try {
            AppRevision revision = take(jar);
            Listener current = listener;
            if (revision != null && current != null) {
                current.changed(revision);
            }
        } catch (IOException e) {
            LOG.error("deploy/{}: cannot read it: {}", app, e.toString());
        } catch (RuntimeException e) {
            LOG.error("deploy/{}: failed to take it", app, e);
        }
    }

    /**
     * Stages the jar under its checksum and checks it. Null when it is refused, or is the content already taken.
     */
    private AppRevision take(Path jar) throws IOException {
        String app = jar.getFileName().toString();
        Path copy = Files.createTempFile(staging, "incoming-", ".jar");
        try {
            String checksum = copyAndDigest(jar, copy);
            if (checksum.equals(seen.get(app))) {
                LOG.debug("deploy/{}: content unchanged", app);
                return null;
            }
            seen.put(app, checksum);
            AppJar.Identity identity;
            try {
                identity = AppJar.inspect(copy);
            } catch (RefusedJarException refused) {
                // Gone before the line: whoever reads the refusal finds nothing of it staged.
                Files.deleteIfExists(copy);
                LOG.error("deploy/{} refused: {}; the running version, if any, keeps serving", app, refused.getMessage());
                return null;
            }
            Path staged = staging.resolve(checksum + ".jar");
            Files.move(copy, staged, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new AppRevision(app, checksum, identity.symbolicName(), identity.version(), staged);
        } catch (NoSuchFileException gone) {
            return null;
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static String copyAndDigest(Path jar, Path copy) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(jar), digest);
                OutputStream out = Files.newOutputStream(copy)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Deletes the staged jars of revisions nothing uses any more, on the folder's own thread (the caller is the
     * arbiter's loop, which does no file work). One staged in the last minute is kept: its news may not have
     * reached the pool yet.
     */
    public void prune(Set<String> inUse) {
        settler.execute(() -> deleteUnused(Set.copyOf(inUse)));
    }

    private void deleteUnused(Set<String> inUse) {
        long recent = System.currentTimeMillis() - PRUNE_AFTER_MILLIS;
        try (var staged = Files.newDirectoryStream(staging, "*.jar")) {
            for (Path jar : staged) {
                String checksum = jar.getFileName().toString().replace(".jar", "");
                if (!inUse.contains(checksum) && Files.getLastModifiedTime(jar).toMillis() < recent) {
                    Files.deleteIfExists(jar);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot prune the staged apps in {}: {}", staging, e.toString());
        }
    }

    @Override
    public void close() {
        settler.shutdownNow();
    }

    /** Looks at a settling file: the same size and time as the last look count towards settled. */
    private record Settling(long size, long modified, int sameLooks) {
        Settling next(long newSize, long newModified) {
            return newSize == size && newModified == modified ? new Settling(size, modified, sameLooks + 1)
                    : new Settling(newSize, newModified, 0);
        }
    }
}
