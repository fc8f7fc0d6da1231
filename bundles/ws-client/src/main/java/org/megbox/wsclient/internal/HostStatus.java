package org.megbox.wsclient.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * §4.1.1 {@code hardwareStatus} read from the host: CPU use over the last sampling window (a background sampler reads
 * {@code /proc/stat} every second, so a request never waits for a window), memory from {@code /proc/meminfo}, the
 * data folder's file system, and temperatures from {@code /sys/class/thermal} (0 where the host has no such zone).
 * The roots are parameters so that tests can give it a made-up {@code /proc} and {@code /sys}.
 */
final class HostStatus implements AutoCloseable {

    static final long SAMPLE_MILLIS = 1000;
    private static final long MIB = 1024 * 1024;

    private final Path proc;
    private final Path sys;
    private final Path dataDir;
    private final ScheduledExecutorService sampler;
    private long[] lastTimes;
    private volatile int cpuUseRate;

    HostStatus(Path proc, Path sys, Path dataDir) {
        this.proc = proc;
        this.sys = sys;
        this.dataDir = dataDir;
        this.lastTimes = cpuTimes();
        // until the first window ends: the average since boot, which /proc/stat gives at once
        this.cpuUseRate = lastTimes == null ? 0 : busyPercent(new long[] {0, 0}, lastTimes);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "megbox-cpu-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    static HostStatus ofHost(Path dataDir) {
        return new HostStatus(Path.of("/proc"), Path.of("/sys"), dataDir);
    }

    HostStatus start() {
        sampler.scheduleWithFixedDelay(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Takes one sample now (the sampler's step; tests call it directly). */
    synchronized void sample() {
        long[] now = cpuTimes();
        if (now != null && lastTimes != null) {
            cpuUseRate = busyPercent(lastTimes, now);
        }
        lastTimes = now;
    }

    /** {@code {busy, total}} jiffies of all CPUs from the first line of {@code /proc/stat}, or null if unreadable. */
    private long[] cpuTimes() {
        try {
            for (String line : Files.readAllLines(proc.resolve("stat"))) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long total = 0;
                    // user nice system idle iowait irq softirq steal; guest times are already in user/nice
                    for (int i = 1; i < f.length && i <= 8; i++) {
                        total += Long.parseLong(f[i]);
                    }
                    long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                    return new long[] {total - idle, total};
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux): reported as 0
        }
        return null;
    }

    private static int busyPercent(long[] before, long[] after) {
        long total = after[1] - before[1];
        long busy = after[0] - before[0];
        return total <= 0 ? 0 : (int) Math.max(0, Math.min(100, Math.round(100.0 * busy / total)));
    }

    int cpuUseRate() {
        return cpuUseRate;
    }

    /** {@code hardwareStatus} in the spec's field order. */
    Map<String, Object> hardwareStatus() {
        Map<String, Long> mem = memInfoKb();
        long memTotal = mem.getOrDefault("MemTotal", 0L);
        Long available = mem.get("MemAvailable");
        long free = available != null ? available
                : mem.getOrDefault("MemFree", 0L) + mem.getOrDefault("Buffers", 0L) + mem.getOrDefault("Cached", 0L);
        long[] disk = storageMb();
        Temperatures t = temperatures();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpuUseRate", cpuUseRate);
        m.put("cpuTemp", t.cpu());
        m.put("gpuTemp", t.gpu());
        m.put("caseTemp", t.caseTemp());
        m.put("memSize", memTotal / 1024);
        m.put("memUse", Math.max(0, memTotal - free) / 1024);
        m.put("storageSize", disk[0]);
        m.put("storageUseSize", disk[1]);
        return m;
    }

    private Map<String, Long> memInfoKb() {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String[] v = line.substring(colon + 1).trim().split("\\s+");
                    try {
                        out.put(line.substring(0, colon), Long.parseLong(v[0]));
                    } catch (NumberFormatException ignored) {
                        // not a number: not a field we read
                    }
                }
            }
        } catch (IOException e) {
            // no /proc/meminfo: 0
        }
        return out;
    }

    /** {@code {total, used}} MiB of the file system holding the data folder; used = total - unallocated, as df. */
    private long[] storageMb() {
        try {
            FileStore fs = Files.getFileStore(dataDir);
            long total = fs.getTotalSpace();
            return new long[] {total / MIB, Math.max(0, total - fs.getUnallocatedSpace()) / MIB};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    record Temperatures(int cpu, int gpu, int caseTemp) {
    }

    /**
     * Degrees Celsius by thermal zone type: CPU = a zone named like a CPU package (x86_pkg_temp, cpu*, soc*,
     * coretemp) or else the first zone; GPU = a zone whose type has "gpu"; case = "acpitz" or a board/case zone.
     */
    Temperatures temperatures() {
        List<String[]> zones = new ArrayList<>(); // {type, celsius}
        Path dir = sys.resolve("class/thermal");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "thermal_zone*")) {
                List<Path> sorted = new ArrayList<>();
                ds.forEach(sorted::add);
                sorted.sort(null);
                for (Path z : sorted) {
                    try {
                        String type = Files.readString(z.resolve("type")).trim().toLowerCase(Locale.ROOT);
                        long milli = Long.parseLong(Files.readString(z.resolve("temp")).trim());
                        zones.add(new String[] {type, Long.toString(Math.round(milli / 1000.0))});
                    } catch (IOException | NumberFormatException e) {
                        // a zone that cannot be read (some need a driver awake): skipped
                    }
                }
            } catch (IOException e) {
                // unreadable: no temperatures
            }
        }
        int cpu = find(zones, "x86_pkg", "cpu", "soc", "coretemp");
        if (cpu == Integer.MIN_VALUE) {
            cpu = zones.isEmpty() ? 0 : Integer.parseInt(zones.get(0)[1]);
        }
        int gpu = find(zones, "gpu");
        int caseTemp = find(zones, "acpitz", "board", "case");
        return new Temperatures(cpu, gpu == Integer.MIN_VALUE ? 0 : gpu,
                caseTemp == Integer.MIN_VALUE ? 0 : caseTemp);
    }

    private static int find(List<String[]> zones, String... prefixes) {
        for (String[] z : zones) {
            for (String p : prefixes) {
                if (z[0].startsWith(p) || (p.equals("gpu") && z[0].contains(p))) {
                    return Integer.parseInt(z[1]);
                }
            }
        }
        return Integer.MIN_VALUE;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
