package dev.eventloom.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Turns the measurements {@code run.sh} wrote ({@code results.tsv}: kind, scenario, round, value columns) into
 * {@code report.md} and {@code chart.png} beside it. Each figure is the median of its samples. HTTP throughput and
 * latency are also given as ratios to the raw Vert.x baseline and to Funqy: the median (and range) of the ratios of
 * measurements of the same sample, taken seconds apart, so that the drift of a shared machine cancels out; the noisy
 * neighbour's ratio likewise pairs each measurement beside the burning function with the one alone next to it. Head
 * to head rows (contender and baseline loaded at the same time) give the ratio within each row.
 *
 * <p>
 * Usage: {@code java -cp ... dev.eventloom.benchmarks.Report target/benchmarks}
 */
public final class Report {

    /** One measured line of results.tsv. */
    record Row(String kind, String scenario, int round, double[] values) {

        /** Whether this row has a value in {@code column}: results written before a column was added lack it. */
        boolean has(int column) {
            return values.length > column;
        }
    }

    /**
     * A performance target of the benchmarks: a ratio measured in this run (one per sample or pair) and the bound its
     * median should keep, at least or at most.
     */
    record Target(String figure, double bound, boolean atLeast, List<Double> ratios) {

        double median() {
            return Report.median(ratios);
        }

        boolean met() {
            return atLeast ? median() >= bound : median() <= bound;
        }

        String goal() {
            return String.format(Locale.ROOT, "%s %.2f×", atLeast ? "≥" : "≤", bound);
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/benchmarks");
        List<Row> rows = read(dir.resolve("results.tsv"));
        Files.writeString(dir.resolve("report.md"), markdown(rows, dir));
        chart(throughput(rows), targets(rows), dir.resolve("chart.png"));
    }

    /**
     * The targets the figures of this run can be held to (routing, measured by JMH, is read from its own output), each
     * only where the run measured it.
     */
    static List<Target> targets(List<Row> rows) {
        String funqy = "funqy json (worker)";
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("non-blocking JSON vs raw Vert.x, head to head", 0.9, true,
                rowRatios(rows, "headtohead", "eventloom json (event loop) vs vertx json", 0, 1)));
        targets.add(new Target("its p99 vs raw Vert.x, head to head", 1.2, false,
                rowRatios(rows, "headtohead", "eventloom json (event loop) vs vertx json", 2, 3)));
        targets.add(new Target("blocking JSON vs Funqy", 1.5, true,
                pairedRatios(rows, "http", 0, "eventloom json (worker)", funqy)));
        targets.add(new Target("CloudEvent vs raw Vert.x answering one, head to head", 0.85, true,
                rowRatios(rows, "headtohead", "eventloom cloudevent binary vs vertx cloudevent reply (sdk)", 0, 1)));
        targets.add(new Target("fast function's p99 beside a CPU-burning one", 1.5, false,
                rowRatios(rows, "neighbour", "eventloom fast function", 1, 0)));
        targets.add(new Target("launch to first event (AOT cache) vs Funqy", 0.8, false,
                pairedRatios(rows, "startup", 0, "eventloom-aot", "funqy")));
        targets.add(new Target("RSS after the first event vs Funqy", 1.0, false,
                pairedRatios(rows, "startup", 1, "eventloom", "funqy")));
        targets.removeIf(target -> target.ratios().isEmpty());
        return targets;
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            double[] values = new double[cells.length - 3];
            for (int i = 3; i < cells.length; i++) {
                values[i - 3] = Double.parseDouble(cells[i]);
            }
            rows.add(new Row(cells[0], cells[1], Integer.parseInt(cells[2]), values));
        }
        return rows;
    }

    /** Median of column {@code column} of each scenario of one kind, in first-seen order. */
    static Map<String, Double> medians(List<Row> rows, String kind, int column) {
        Map<String, List<Double>> byScenario = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.kind().equals(kind) && row.has(column)) {
                byScenario.computeIfAbsent(row.scenario(), s -> new ArrayList<>()).add(row.values()[column]);
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        byScenario.forEach((scenario, values) -> medians.put(scenario, median(values)));
        return medians;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The ratios of {@code scenario} to {@code baseline} in column {@code column}, one per sample (rows of the same
     * round number) that measured both; empty when there is no baseline.
     */
    static List<Double> pairedRatios(List<Row> rows, String kind, int column, String scenario, String baseline) {
        Map<Integer, Double> base = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.kind().equals(kind) && row.scenario().equals(baseline) && row.has(column)) {
                base.put(row.round(), row.values()[column]);
            }
        }
        List<Double> ratios = new ArrayList<>();
        for (Row row : rows) {
            Double paired = base.get(row.round());
            if (row.kind().equals(kind) && row.scenario().equals(scenario) && row.has(column) && paired != null
                    && paired != 0) {
                ratios.add(row.values()[column] / paired);
            }
        }
        return ratios;
    }

    /**
     * The ratio of column {@code numerator} to column {@code denominator} within each row of {@code scenario}: head to
     * head rows (contender and baseline measured at once) and noisy-neighbour pairs (alone, beside).
     */
    static List<Double> rowRatios(List<Row> rows, String kind, String scenario, int numerator, int denominator) {
        List<Double> ratios = new ArrayList<>();
        for (Row row : rows) {
            if (row.kind().equals(kind) && row.scenario().equals(scenario) && row.has(numerator)
                    && row.has(denominator) && row.values()[denominator] != 0) {
                ratios.add(row.values()[numerator] / row.values()[denominator]);
            }
        }
        return ratios;
    }

    /** "0.86 (0.80–0.93)": the median of the ratios and their range; empty when there are none. */
    static String ratioCell(List<Double> ratios) {
        if (ratios.isEmpty()) {
            return "";
        }
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return ratios.size() == 1 ? String.format(Locale.ROOT, "%.2f", ratios.get(0))
                : String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(ratios), min, max);
    }

    static Map<String, Double> throughput(List<Row> rows) {
        return medians(rows, "http", 0);
    }

    static String markdown(List<Row> rows, Path dir) {
        StringBuilder md = new StringBuilder("# Eventloom benchmark report\n\n");
        md.append("Medians of the samples in `").append(dir.resolve("results.tsv")).append("`.\n\n")
                .append("Ratios: the median of the ratios of measurements of the same sample (each application measured ")
                .append("in turn, seconds apart, or two at once head to head), with their range.\n\n");
        Map<String, Double> rps = medians(rows, "http", 0);
        Map<String, Double> p50 = medians(rows, "http", 1);
        Map<String, Double> p99 = medians(rows, "http", 2);
        List<Target> targets = targets(rows);
        if (!targets.isEmpty()) {
            md.append("## Targets\n\n| figure | target | this run | |\n|---|---:|---:|---|\n");
            for (Target target : targets) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", target.figure(), target.goal(),
                        ratioCell(target.ratios()), target.met() ? "met" : "missed"));
            }
            md.append("\nRouting (10,000 exact-type triggers against one, target ≤ 1.1×) is in the JMH output below.\n\n");
        }
        if (!rps.isEmpty()) {
            String vertx = rps.keySet().stream().filter(s -> s.startsWith("vertx") && !s.contains("cloudevent"))
                    .findFirst().orElse(null);
            // Raw Vert.x also answers the binary-mode CloudEvent request: ignoring its ce- headers (the ceiling for
            // that request, whose extra headers every server parses) and answering it as a CloudEvent with the SDK.
            List<String> vertxCloudEvents = rps.keySet().stream()
                    .filter(s -> s.startsWith("vertx") && s.contains("cloudevent")).toList();
            String funqy = rps.keySet().stream().filter(s -> s.startsWith("funqy")).findFirst().orElse(null);
            md.append("## HTTP load\n\n| scenario | req/s | × raw Vert.x | × Funqy | p50 ms | p99 ms | p99 × raw Vert.x |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (String scenario : rps.keySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %.2f | %.2f | %s |%n", scenario,
                        rps.get(scenario), ratioCell(pairedRatios(rows, "http", 0, scenario, vertx)),
                        ratioCell(pairedRatios(rows, "http", 0, scenario, funqy)), p50.get(scenario), p99.get(scenario),
                        ratioCell(pairedRatios(rows, "http", 2, scenario, vertx))));
            }
            md.append('\n');
            for (String vertxCloudEvent : vertxCloudEvents) {
                for (String scenario : rps.keySet()) {
                    if (scenario.contains("cloudevent") && !scenario.startsWith("vertx")) {
                        md.append(String.format(Locale.ROOT, "%s against raw Vert.x given the same request (%s): "
                                + "throughput %s, p99 %s.%n", scenario, vertxCloudEvent,
                                ratioCell(pairedRatios(rows, "http", 0, scenario, vertxCloudEvent)),
                                ratioCell(pairedRatios(rows, "http", 2, scenario, vertxCloudEvent))));
                    }
                }
            }
            if (!vertxCloudEvents.isEmpty()) {
                md.append('\n');
            }
        }
        Map<String, Double> contender = medians(rows, "headtohead", 0);
        if (!contender.isEmpty()) {
            Map<String, Double> baseline = medians(rows, "headtohead", 1);
            md.append("## Head to head\n\nBoth servers on the same CPU, loaded at once (`wrk` each, on the other CPU): the ")
                    .append("scheduler gives each about half the CPU, so the ratio of their requests/s is the inverse ")
                    .append("ratio of their CPU per request, and the machine's drift falls on both alike.\n\n")
                    .append("| contender vs baseline | req/s | baseline req/s | × baseline (per pair) | p99 × baseline |\n")
                    .append("|---|---:|---:|---:|---:|\n");
            for (String pair : contender.keySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s |%n", pair, contender.get(pair),
                        baseline.get(pair), ratioCell(rowRatios(rows, "headtohead", pair, 0, 1)),
                        ratioCell(rowRatios(rows, "headtohead", pair, 2, 3))));
            }
            md.append('\n');
        }
        Map<String, Double> solo = medians(rows, "neighbour", 0);
        Map<String, Double> beside = medians(rows, "neighbour", 1);
        if (!solo.isEmpty()) {
            md.append("## Noisy neighbour\n\n| scenario | p99 ms alone | p99 ms beside a CPU-burning function | × (per pair) |\n")
                    .append("|---|---:|---:|---:|\n");
            for (String scenario : solo.keySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s |%n", scenario, solo.get(scenario),
                        beside.get(scenario), ratioCell(rowRatios(rows, "neighbour", scenario, 1, 0))));
            }
            md.append('\n');
        }
        Map<String, Double> start = medians(rows, "startup", 0);
        Map<String, Double> rssFirst = medians(rows, "startup", 1);
        Map<String, Double> rssLoad = medians(rows, "startup", 2);
        if (!start.isEmpty()) {
            String funqy = start.keySet().stream().filter(s -> s.startsWith("funqy") && !s.contains("(floor)"))
                    .findFirst().orElse(null);
            String floor = start.keySet().stream().filter(s -> s.startsWith("funqy") && s.contains("(floor)"))
                    .findFirst().orElse(null);
            md.append("## Startup and memory\n\n| application | launch to first event ms | × Funqy ")
                    .append("| RSS after first event MiB | × Funqy | RSS after load MiB |\n|---|---:|---:|---:|---:|---:|\n");
            for (String scenario : start.keySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.0f | %s | %.0f |%n", scenario,
                        start.get(scenario), ratioCell(pairedRatios(rows, "startup", 0, scenario, funqy)),
                        rssFirst.get(scenario) / 1024, ratioCell(pairedRatios(rows, "startup", 1, scenario, funqy)),
                        rssLoad.get(scenario) / 1024));
            }
            if (floor != null) {
                md.append('\n');
                for (String scenario : start.keySet()) {
                    if (scenario.startsWith("eventloom")) {
                        md.append(String.format(Locale.ROOT, "%s against %s: launch to first event %s, RSS after "
                                + "first event %s.%n", scenario, floor,
                                ratioCell(pairedRatios(rows, "startup", 0, scenario, floor)),
                                ratioCell(pairedRatios(rows, "startup", 1, scenario, floor))));
                    }
                }
            }
            md.append('\n');
        }
        Map<String, Double> coldStart = medians(rows, "lambda-start", 0);
        Map<String, Double> coldRss = medians(rows, "lambda-start", 1);
        Map<String, Double> coldCpu = medians(rows, "lambda-start", 2);
        Map<String, Double> rate = medians(rows, "lambda-rate", 0);
        if (!coldStart.isEmpty()) {
            String baseline = coldStart.keySet().stream().filter(s -> s.contains("baseline")).findFirst().orElse(null);
            md.append("## AWS Lambda (JVM, through the Runtime Interface Client)\n\n")
                    .append("| application | cold start ms | × baseline | CPU ms to first event | × baseline "
                            + "| RSS after first event MiB | invocations/s | × baseline |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String scenario : coldStart.keySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %.0f | %.0f | %s |%n", scenario,
                        coldStart.get(scenario), ratioCell(pairedRatios(rows, "lambda-start", 0, scenario, baseline)),
                        coldCpu.containsKey(scenario) ? String.format(Locale.ROOT, "%.0f", coldCpu.get(scenario)) : "–",
                        coldCpu.containsKey(scenario)
                                ? ratioCell(pairedRatios(rows, "lambda-start", 2, scenario, baseline))
                                : "–",
                        coldRss.get(scenario) / 1024, rate.getOrDefault(scenario, 0.0),
                        ratioCell(pairedRatios(rows, "lambda-rate", 0, scenario, baseline))));
            }
            md.append('\n');
        }
        Map<String, Double> kafka = medians(rows, "kafka-rate", 0);
        if (!kafka.isEmpty()) {
            String baseline = kafka.keySet().stream().filter(s -> s.contains("baseline")).findFirst().orElse(null);
            md.append("## Kafka: events per second through consumption and ack\n\n")
                    .append("| application | events/s | × baseline |\n|---|---:|---:|\n");
            for (String scenario : kafka.keySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %s |%n", scenario, kafka.get(scenario),
                        ratioCell(pairedRatios(rows, "kafka-rate", 0, scenario, baseline))));
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * Horizontal bar charts: requests per second, then each target's ratio with its bound marked (green where met,
     * orange where missed).
     */
    static void chart(Map<String, Double> values, List<Target> targets, Path file) throws IOException {
        int barHeight = 28;
        int left = 260;
        int width = 900;
        int throughputHeight = 70 + Math.max(1, values.size()) * (barHeight + 10);
        int height = throughputHeight + (targets.isEmpty() ? 0 : 60 + targets.size() * (barHeight + 10));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Requests per second (median of samples)", 20, 30);
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int y = 50;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            int length = (int) ((width - left - 120) * entry.getValue() / max);
            g.setColor(entry.getKey().startsWith("eventloom") ? new Color(0x2E7D32)
                    : entry.getKey().startsWith("vertx") ? new Color(0x455A64) : new Color(0x1565C0));
            g.fillRect(left, y, Math.max(1, length), barHeight);
            g.setColor(Color.DARK_GRAY);
            g.drawString(entry.getKey(), 20, y + barHeight - 9);
            g.drawString(String.format(Locale.ROOT, "%,.0f", entry.getValue()), left + length + 8, y + barHeight - 9);
            y += barHeight + 10;
        }
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, 45, left, y);
        if (!targets.isEmpty()) {
            targetBars(g, targets, throughputHeight, 390, width - 390 - 170, barHeight);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void targetBars(Graphics2D g, List<Target> targets, int top, int left, int span, int barHeight) {
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Targets: this run's ratio (median), the bound marked", 20, top + 20);
        double max = 2;
        for (Target target : targets) {
            max = Math.max(max, Math.max(target.median(), target.bound()) * 1.1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int y = top + 40;
        for (Target target : targets) {
            int length = (int) (span * target.median() / max);
            g.setColor(target.met() ? new Color(0x2E7D32) : new Color(0xEF6C00));
            g.fillRect(left, y, Math.max(1, length), barHeight);
            int bound = left + (int) (span * target.bound() / max);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(3));
            g.drawLine(bound, y - 3, bound, y + barHeight + 3);
            g.setColor(Color.DARK_GRAY);
            g.drawString(target.figure(), 20, y + barHeight - 9);
            g.drawString(String.format(Locale.ROOT, "%.2f× (%s)", target.median(), target.goal()),
                    left + Math.max(length, bound - left) + 8, y + barHeight - 9);
            y += barHeight + 10;
        }
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, top + 35, left, y);
    }
}
