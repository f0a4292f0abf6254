package dev.thermocline.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Flink 2.0 session cluster on loopback, each process its own JVM, as a stock distribution
 * runs it but without flink-dist's scripts: one JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}) on
 * the classpath Maven resolved into {@code flink-cluster/target/flink-cluster-classpath.txt}. Memory
 * flags come from Flink's own {@code BashJavaUtils}, as {@code taskmanager.sh} gets them. Ports are
 * chosen free; heartbeats are short so a killed TaskManager is noticed in seconds. Every process is
 * destroyed by {@link #close()} (and by a shutdown hook if the test JVM dies first), which also
 * deletes their temporary files; logs stay in the work directory.
 */
public final class FlinkSessionCluster implements AutoCloseable {

    /** flink-dist's {@code env.java.opts.all} for Java 17. */
    static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final String BASH_JAVA_UTILS_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Path workDir;
    private final String classpath;
    private final int restPort;
    private final List<String> jmJvm;
    private final List<String> jmDynamic;
    private final List<String> tmJvm;
    private final List<String> tmDynamic;
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private final Thread killOnExit;

    private FlinkSessionCluster(Path workDir, String classpath, int restPort) {
        this.workDir = workDir;
        this.classpath = classpath;
        this.restPort = restPort;
        java.util.concurrent.CompletableFuture<List<List<String>>> tmParams =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> resourceParams("GET_TM_RESOURCE_PARAMS"));
        List<List<String>> jm = resourceParams("GET_JM_RESOURCE_PARAMS");
        List<List<String>> tm = tmParams.join();
        this.jmJvm = jm.get(0);
        this.jmDynamic = jm.get(1);
        this.tmJvm = tm.get(0);
        this.tmDynamic = tm.get(1);
        this.killOnExit = new Thread(this::destroyAll, "flink-cluster-killer-" + restPort);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        this.jobManager = launch("jobmanager", jmJvm, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                jmDynamic);
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers and waits until all registered.
     *
     * @param workDir configuration, logs, checkpoints and temporary files (created; kept after close)
     * @param classpathFile the cluster's classpath, one line, {@code :}-separated
     * @param slotsPerTaskManager task slots of each TaskManager
     * @param settings further Flink settings (flat keys, e.g. {@code parallelism.default}); they win over the defaults
     */
    public static FlinkSessionCluster start(Path workDir, Path classpathFile, int taskManagers, int slotsPerTaskManager,
                                            Map<String, String> settings) {
        String classpath;
        try {
            Files.createDirectories(workDir.resolve("conf"));
            Files.createDirectories(workDir.resolve("log"));
            classpath = Files.readString(classpathFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Flink cluster in " + workDir + " from " + classpathFile, e);
        }
        int restPort = freePort();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("jobmanager.rpc.address", "127.0.0.1");
        conf.put("jobmanager.rpc.port", String.valueOf(freePort()));
        conf.put("jobmanager.bind-host", "127.0.0.1");
        conf.put("jobmanager.memory.process.size", "1024m");
        conf.put("rest.address", "127.0.0.1");
        conf.put("rest.bind-address", "127.0.0.1");
        conf.put("rest.port", String.valueOf(restPort));
        conf.put("taskmanager.host", "127.0.0.1");
        conf.put("taskmanager.bind-host", "127.0.0.1");
        conf.put("taskmanager.rpc.port", "0");
        conf.put("taskmanager.memory.process.size", "1280m");
        conf.put("taskmanager.numberOfTaskSlots", String.valueOf(slotsPerTaskManager));
        conf.put("blob.server.port", "0");
        conf.put("heartbeat.interval", "1000");
        conf.put("heartbeat.timeout", "5000");
        conf.put("io.tmp.dirs", workDir.resolve("tmp").toAbsolutePath().toString());
        conf.put("web.tmpdir", workDir.resolve("web-tmp").toAbsolutePath().toString());
        conf.putAll(settings);
        FlinkSessionCluster cluster = null;
        try {
            Files.createDirectories(workDir.resolve("tmp"));
            Files.writeString(workDir.resolve("conf/config.yaml"), FlinkYaml.nested(conf));
            Files.writeString(workDir.resolve("conf/log4j.properties"), LOG4J);
            cluster = new FlinkSessionCluster(workDir.toAbsolutePath(), classpath, restPort);
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager(); // at once: a TaskManager retries until the JobManager is up
            }
            cluster.awaitRest();
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flink configuration in " + workDir, e);
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            throw e;
        }
    }

    /** Starts one more TaskManager, named {@code tm-<index>}; returns its index. */
    public synchronized int startTaskManager() {
        int index = taskManagers.size();
        List<String> dynamic = new ArrayList<>(tmDynamic);
        dynamic.addAll(List.of("-D", "taskmanager.resource-id=" + taskManagerId(index)));
        taskManagers.add(launch("taskmanager-" + index, tmJvm, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                dynamic));
        return index;
    }

    /** The resource id TaskManager {@code index} registers with, as the REST API shows it. */
    public static String taskManagerId(int index) {
        return "tm-" + index;
    }

    /** {@code kill -9} of TaskManager {@code index}: no shutdown hooks, no goodbye to the JobManager. */
    public synchronized void killTaskManager(int index) {
        Process p = taskManagers.get(index);
        p.destroyForcibly();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("TaskManager " + index + " (pid " + p.pid() + ") did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isTaskManagerAlive(int index) {
        return taskManagers.get(index).isAlive();
    }

    public int restPort() {
        return restPort;
    }

    /** {@code http://127.0.0.1:<rest port>} */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** Where the processes' logs are: {@code log/jobmanager.log}, {@code log/taskmanager-<i>.log}. */
    public Path logDir() {
        return workDir.resolve("log");
    }

    /** The last {@code lines} lines of every process's log, for a failed test's message. */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(logDir())) {
            for (Path log : files.sorted().toList()) {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("==> ").append(log.getFileName()).append(" <==\n");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append("(logs unreadable: ").append(e.getMessage()).append(")");
        }
        return out.toString();
    }

    /** Destroys every process this cluster started, waits for them, and deletes their temporary files (not the logs). */
    @Override
    public void close() {
        destroyAll();
        deleteRecursively(workDir.resolve("tmp")); // blob caches hold a copy of every job jar per process
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or ran already
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: what remains is under the build's target directory
        }
    }

    private synchronized void destroyAll() {
        List<Process> all = new ArrayList<>(taskManagers);
        if (jobManager != null) {
            all.add(jobManager);
        }
        all.forEach(Process::destroyForcibly);
        for (Process p : all) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Process launch(String name, List<String> jvmFlags, String mainClass, List<String> dynamic) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(JAVA_17_OPENS);
        command.add("-Dlog.file=" + logDir().resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + workDir.resolve("conf/log4j.properties").toUri());
        command.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
        command.addAll(List.of("-cp", classpath, mainClass, "--configDir", workDir.resolve("conf").toString()));
        command.addAll(dynamic);
        try {
            return new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir().resolve(name + ".out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Flink " + name, e);
        }
    }

    /** Flink's memory calculation, as the distribution's scripts call it: [JVM flags, dynamic properties]. */
    private List<List<String>> resourceParams(String command) {
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", workDir.resolve("conf").toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("BashJavaUtils " + command + " failed:\n" + output);
            }
            List<String> results = output.lines().filter(l -> l.startsWith(BASH_JAVA_UTILS_PREFIX))
                    .map(l -> l.substring(BASH_JAVA_UTILS_PREFIX.length()).strip()).toList();
            if (results.size() < 2) {
                throw new IllegalStateException("BashJavaUtils " + command + " printed no JVM flags and dynamic properties:\n"
                        + output);
            }
            return List.of(split(results.get(0)), split(results.get(1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run BashJavaUtils " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> split(String line) {
        return line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
    }

    private void awaitRest() {
        await("the JobManager's REST endpoint", () -> get("/v1/overview") != null);
    }

    private void awaitTaskManagers(int count) {
        Pattern registered = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");
        await(count + " registered TaskManagers", () -> {
            String overview = get("/v1/overview");
            Matcher m = overview == null ? null : registered.matcher(overview);
            return m != null && m.find() && Integer.parseInt(m.group(1)) >= count;
        });
    }

    private void await(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("the Flink JobManager exited (" + jobManager.exitValue() + ") before "
                        + what + ":\n" + logTails(40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no " + what + " after " + STARTUP_TIMEOUT.toSeconds() + " s:\n" + logTails(40));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** The body of a GET on the REST API, or null while it does not answer 200. */
    public String get(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(restUrl() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    private static final String LOG4J = String.join("\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = MainAppender",
            "appender.main.name = MainAppender",
            "appender.main.type = File",
            "appender.main.append = true",
            "appender.main.fileName = ${sys:log.file}",
            "appender.main.layout.type = PatternLayout",
            "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
            "logger.kafka.name = org.apache.kafka",
            "logger.kafka.level = WARN",
            "logger.hadoop.name = org.apache.hadoop",
            "logger.hadoop.level = WARN",
            "");
}
