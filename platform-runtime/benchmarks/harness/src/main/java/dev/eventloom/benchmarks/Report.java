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

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/benchmarks");
        List<Row> rows = read(dir.resolve("results.tsv"));
        Files.writeString(dir.resolve("report.md"), markdown(rows, dir));
        chart(throughput(rows), dir.resolve("chart.png"));
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
        md.append("Medians of the samples in `").append(dir.resolve("results.tsv")).append("`.\n\n");
        Map<String, Double> rps = medians(rows, "http", 0);
        Map<String, Double> p50 = medians(rows, "http", 1);
        Map<String, Double> p99 = medians(rows, "http", 2);
        if (!rps.isEmpty()) {
            String vertx = rps.keySet().stream().filter(s -> s.startsWith("vertx") && !s.contains("cloudevent"))
                    .findFirst().orElse(null);
            // Raw Vert.x also answers the binary-mode CloudEvent request: ignoring its ce- headers (the ceiling for
            // that request, whose extra headers every server parses) and answering it as a CloudEvent with the SDK.
            List<String> vertxCloudEvents = rps.keySet().stream()
                    .filter(s -> s.startsWith("vertx") && s.contains("cloudevent")).toList();
            String funqy = rps.keySet().stream().filter(s -> s.startsWith("funqy")).findFirst().orElse(null);
            md.append("Ratios: the median of the ratios of measurements of the same sample (each application measured in ")
                    .append("turn, seconds apart), with their range.\n\n")
                    .append("## HTTP load\n\n| scenario | req/s | × raw Vert.x | × Funqy | p50 ms | p99 ms | p99 × raw Vert.x |\n")
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
                List<Double> throughput = new ArrayList<>();
                List<Double> latency = new ArrayList<>();
                for (Row row : rows) {
                    if (row.kind().equals("headtohead") && row.scenario().equals(pair) && row.values()[1] != 0) {
                        throughput.add(row.values()[0] / row.values()[1]);
                        latency.add(row.values()[2] / row.values()[3]);
                    }
                }
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s |%n", pair, contender.get(pair),
                        baseline.get(pair), ratioCell(throughput), ratioCell(latency)));
            }
            md.append('\n');
        }
        Map<String, Double> solo = medians(rows, "neighbour", 0);
        Map<String, Double> beside = medians(rows, "neighbour", 1);
        if (!solo.isEmpty()) {
            md.append("## Noisy neighbour\n\n| scenario | p99 ms alone | p99 ms beside a CPU-burning function | × (per pair) |\n")
                    .append("|---|---:|---:|---:|\n");
            for (String scenario : solo.keySet()) {
                List<Double> ratios = new ArrayList<>();
                for (Row row : rows) {
                    if (row.kind().equals("neighbour") && row.scenario().equals(scenario) && row.values()[0] != 0) {
                        ratios.add(row.values()[1] / row.values()[0]);
                    }
                }
                md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s |%n", scenario, solo.get(scenario),
                        beside.get(scenario), ratioCell(ratios)));
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

    /** A horizontal bar chart of requests per second. */
    static void chart(Map<String, Double> values, Path file) throws IOException {
        int barHeight = 28;
        int left = 260;
        int width = 900;
        int height = 70 + Math.max(1, values.size()) * (barHeight + 10);
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
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
