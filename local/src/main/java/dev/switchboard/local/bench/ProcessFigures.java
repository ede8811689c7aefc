package dev.switchboard.local.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a measured process used, read from outside it (Linux's /proc and the JDK's jstat), and the medians and percentiles of such figures. */
final class ProcessFigures {
    private ProcessFigures() {
    }

    /** utime + stime of /proc/PID/stat, in clock ticks of 10 ms. */
    static double cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    static double peakRssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** The JVM's own count (jstat reads its performance counters: nothing is loaded into it to ask). */
    static long loadedClasses(long pid) throws IOException, InterruptedException {
        String jstat = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
        Process p = new ProcessBuilder(jstat, "-class", Long.toString(pid)).redirectErrorStream(true).start();
        List<String> out;
        try (var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = reader.lines().toList();
        }
        p.waitFor();
        if (out.size() < 2) {
            throw new IllegalStateException("jstat: " + out);
        }
        return Long.parseLong(out.get(1).trim().split("\\s+")[0]);
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
