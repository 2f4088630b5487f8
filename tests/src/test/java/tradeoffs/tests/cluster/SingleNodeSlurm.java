package tradeoffs.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away single-node SLURM cluster from Debian's packages ({@code slurmctld slurmd
 * slurm-client munge}, SLURM 22.05), started as root without systemd: its own munged (own key and
 * socket, named to SLURM by {@code AuthInfo=socket=}), slurmctld and slurmd on free ports, every file
 * (config, state, spool, pid files, logs) in one folder. So it touches nothing of the machine's
 * own SLURM or munge setup, and two test runs on one machine do not meet. {@link #close()} cancels
 * the jobs, stops the three daemons by the PIDs in their pid files and deletes the folder.
 *
 * <p>Settings that work without cgroups: {@code proctrack/linuxproc}, {@code task/none}, no
 * accounting, {@code select/cons_tres} with {@code CR_Core}. {@code MinJobAge=0}: finished jobs'
 * records are never purged (this cluster lives for one test), so {@code sbatch --wait} sees every
 * task's exit code, and it polls every 2 s (its interval grows 2, 8, 32 s only while it is below
 * MinJobAge/2). With the default (300 s) a short array waits for the 32 s polls; with MinJobAge=16
 * (this test's earlier setting) it polled every 8 s, with MinJobAge=2 task records vanished before
 * sbatch saw them and it reported exit 0 for a failed task (all tried on this machine's kind).
 */
final class SingleNodeSlurm implements AutoCloseable {
    static final List<String> DAEMONS = List.of("munged", "slurmctld", "slurmd");
    static final List<String> CLIENTS = List.of("sbatch", "sinfo", "scancel");
    /** The CPUs the node announces at least: three tasks of 2 CPUs at once. */
    static final int CPUS_PER_NODE = 6;

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final Thread onExit = new Thread(this::stop, "stop-slurm");

    private SingleNodeSlurm(Path dir) {
        this.dir = dir;
    }

    /** Why this machine cannot run the cluster (not root, a program missing), or empty if it can. */
    static Optional<String> unavailable() {
        List<String> missing = new ArrayList<>();
        for (String exe : Stream.concat(DAEMONS.stream(), CLIENTS.stream()).toList()) {
            if (find(exe).isEmpty()) {
                missing.add(exe);
            }
        }
        List<String> why = new ArrayList<>();
        if (!isRoot()) {
            why.add("needs root (slurmd starts jobs as their user)");
        }
        if (!missing.isEmpty()) {
            why.add(
                    "missing " + String.join(", ", missing)
                            + " (Debian: apt-get install --no-install-recommends slurmctld slurmd slurm-client munge; .ci/run does it)");
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    /**
     * Starts munged, slurmctld and slurmd with every file in a new folder of the system's temporary
     * folder (its own, not a test's @TempDir: munged wants every folder above its socket open to all);
     * returns when the node is idle.
     */
    static SingleNodeSlurm start() throws IOException, InterruptedException {
        SingleNodeSlurm slurm = new SingleNodeSlurm(Files.createTempDirectory(
                "tradeoffs-slurm-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))));
        Runtime.getRuntime().addShutdownHook(slurm.onExit);
        try {
            slurm.launch();
            return slurm;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            slurm.close();
            throw e;
        }
    }

    private void launch() throws IOException, InterruptedException {
        for (String sub : List.of("munge", "state", "spool", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Path key = dir.resolve("munge/munge.key");
        byte[] bytes = new byte[128];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path socket = dir.resolve("munge/munge.socket");
        daemon(
                "munged",
                List.of(
                        find("munged").orElseThrow().toString(),
                        "--socket=" + socket,
                        "--key-file=" + key,
                        "--pid-file=" + dir.resolve("munge/munged.pid"),
                        "--log-file=" + dir.resolve("log/munged.log"),
                        "--seed-file=" + dir.resolve("munge/munged.seed")));

        String host =
                Files.readString(Path.of("/proc/sys/kernel/hostname")).trim().split("\\.")[0];
        // CPUS_PER_NODE or more: the tasks of a small array (docs/sweep.md asks for 2 CPUs each) run
        // at once, as on a real cluster's several nodes, instead of one after another on a small
        // machine (config_overrides below lets slurmd announce more CPUs than it has)
        int cpus = Math.max(CPUS_PER_NODE, Runtime.getRuntime().availableProcessors());
        int[] ports = freePorts();
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "ClusterName=tradeoffs-test",
                        "SlurmctldHost=" + host + "(127.0.0.1)",
                        "SlurmctldPort=" + ports[0],
                        "SlurmdPort=" + ports[1],
                        "AuthType=auth/munge",
                        "AuthInfo=socket=" + socket,
                        "CredType=cred/munge",
                        "SlurmUser=root",
                        "SlurmdUser=root",
                        "StateSaveLocation=" + dir.resolve("state"),
                        "SlurmdSpoolDir=" + dir.resolve("spool"),
                        "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                        "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                        "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                        "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
                        "ProctrackType=proctrack/linuxproc",
                        "TaskPlugin=task/none",
                        "JobAcctGatherType=jobacct_gather/none",
                        "AccountingStorageType=accounting_storage/none",
                        "MpiDefault=none",
                        "ReturnToService=2",
                        "SelectType=select/cons_tres",
                        "SelectTypeParameters=CR_Core",
                        // a machine with fewer CPUs than configured keeps its node up
                        "SlurmdParameters=config_overrides",
                        "MinJobAge=0",
                        "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=" + cpus + " State=UNKNOWN",
                        "PartitionName=main Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP",
                        ""));
        env.put("SLURM_CONF", conf.toString());
        daemon("slurmctld", List.of(find("slurmctld").orElseThrow().toString()));
        daemon("slurmd", List.of(find("slurmd").orElseThrow().toString()));
        String[] state = {""};
        Commands.awaitTrue(() -> "the node to be idle (sinfo says '" + state[0] + "')\n" + logs(), 60, () -> {
            state[0] = client("sinfo", "-h", "-o", "%t").out().trim();
            return state[0].equals("idle");
        });
    }

    /** The environment that points SLURM's clients (and the jobs they submit) at this cluster. */
    Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** The last lines of the daemons' logs, for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (String log : List.of("munged.log", "slurmctld.log", "slurmd.log")) {
            List<String> lines =
                    Commands.read(dir.resolve("log").resolve(log)).lines().toList();
            sb.append("--- ").append(log).append(" (last lines):\n");
            lines.subList(Math.max(0, lines.size() - 15), lines.size())
                    .forEach(l -> sb.append(l).append('\n'));
        }
        return sb.toString();
    }

    private void daemon(String name, List<String> cmd) throws IOException, InterruptedException {
        // each daemon forks and its first process exits once the daemon is set up
        Commands.Result r = Commands.run(dir, env, dir.resolve("log"), name + "-start", 60, cmd);
        assertEquals(0, r.exit(), name + " did not start: " + r.describe() + "\n" + logs());
    }

    private Commands.Result client(String... cmd) {
        try {
            return Commands.run(dir, env, dir.resolve("log"), cmd[0], 60, List.of(cmd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stop() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        if (env.containsKey("SLURM_CONF")) {
            client("scancel", "--user=root"); // jobs of this cluster only (SLURM_CONF); none if all went well
        }
        for (String pidFile : List.of("slurmd.pid", "slurmctld.pid", "munge/munged.pid")) {
            readPid(dir.resolve(pidFile)).ifPresent(SingleNodeSlurm::terminate);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the cluster's state in " + dir, e);
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Long.parseLong(Files.readString(file).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL if the process is still running after 20 s. */
    private static void terminate(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (running(pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (running(pid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Alive and not a zombie (a daemon's parent here may be slow to reap it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    /** Two distinct ports free at the moment (both held open while they are picked). */
    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0);
                ServerSocket b = new ServerSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    static Optional<Path> find(String exe) {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin"));
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, exe))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
