package io.cxvalue.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the stack's processes (from the pid files ./cx keeps) and of the whole machine, read from /proc: a
 * snapshot before and after a phase tells which process used the cores. Linux only; elsewhere it reports nothing.
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux x86 and arm64). */
    private static final double TICKS = 100.0;

    private static final List<String> COMPONENTS = List.of("ingestion-service", "mongo", "kafka", "scoring-service",
            "experiment-service", "reporting-service", "keycloak");

    private final Map<String, Long> pids = new LinkedHashMap<>();

    ProcessCpu(Path pidDir) {
        if (pidDir != null) {
            for (String name : COMPONENTS) {
                try {
                    long pid = Long.parseLong(Files.readString(pidDir.resolve(name + ".pid")).strip());
                    if (Files.exists(Path.of("/proc", String.valueOf(pid)))) {
                        pids.put(name, pid);
                    }
                } catch (IOException | NumberFormatException e) {
                    // not running or not started by this CX_HOME
                }
            }
        }
        pids.put("benchmark", ProcessHandle.current().pid());
    }

    /** The names of the processes followed, in display order. */
    List<String> names() {
        return List.copyOf(pids.keySet());
    }

    boolean running(String name) {
        return pids.containsKey(name);
    }

    /** CPU seconds per process (with its descendants' threads: a process's own tasks only), plus "machine busy". */
    Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, cpuSeconds(pid)));
        return new Snapshot(System.nanoTime(), seconds, machine());
    }

    record Snapshot(long nanos, Map<String, Double> seconds, double[] machine) {

        /** Cores used per process between this snapshot and a later one; "machine" = all cores busy. */
        Map<String, Double> coresUntil(Snapshot later) {
            double wall = (later.nanos - nanos) / 1e9;
            Map<String, Double> cores = new LinkedHashMap<>();
            seconds.forEach((name, before) -> {
                Double after = later.seconds.get(name);
                if (before >= 0 && after != null && after >= 0 && wall > 0) {
                    cores.put(name, (after - before) / wall);
                }
            });
            if (machine.length == 2 && later.machine.length == 2) {
                double total = later.machine[0] - machine[0];
                double idle = later.machine[1] - machine[1];
                if (total > 0) {
                    cores.put("machine", (total - idle) / total * Runtime.getRuntime().availableProcessors());
                }
            }
            return cores;
        }
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name in parentheses (which may contain spaces): state is field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {total jiffies, idle + iowait jiffies} of all cores, or an empty array. */
    private static double[] machine() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            double total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Double.parseDouble(f[i]);
            }
            return new double[] {total, Double.parseDouble(f[4]) + Double.parseDouble(f[5])};
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }
}
