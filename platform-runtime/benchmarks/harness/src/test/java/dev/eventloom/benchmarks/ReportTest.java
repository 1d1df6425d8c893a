package dev.eventloom.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void ratiosAreMediansOfTheRatiosWithinEachSample(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("results.tsv"), """
                # kind\tscenario\tsample\tvalues...
                http\tvertx json\t1\t100000\t0.30\t4.0
                http\tfunqy json\t1\t30000\t0.90\t8.0
                http\teventloom json\t1\t90000\t0.40\t5.0
                http\teventloom json\t2\t99000\t0.40\t5.4
                http\tfunqy json\t2\t45000\t0.80\t9.0
                http\tvertx json\t2\t120000\t0.35\t5.0
                http\tvertx json\t3\t110000\t0.32\t4.5
                http\teventloom json\t3\t95000\t0.40\t6.0
                http\tvertx cloudevent binary\t1\t80000\t0.30\t4.0
                http\teventloom cloudevent binary\t1\t60000\t0.40\t6.0
                http\tvertx cloudevent reply (sdk)\t1\t75000\t0.30\t5.0
                headtohead\teventloom json vs vertx json\t1\t30000\t40000\t6.0\t5.0
                headtohead\teventloom json vs vertx json\t2\t33000\t40000\t6.6\t6.0
                headtohead\teventloom json vs vertx json\t3\t20000\t25000\t9.0\t10.0
                neighbour\teventloom fast\t1\t2.0\t2.5
                neighbour\teventloom fast\t2\t3.0\t3.0
                startup\tfunqy + smallrye-health (floor)\t1\t1100\t104448\t204800
                startup\tfunqy\t1\t1000\t102400\t204800
                startup\teventloom\t1\t800\t92160\t184320
                startup\tfunqy\t2\t1000\t102400\t204800
                startup\teventloom\t2\t1000\t102400\t184320
                startup\tfunqy + smallrye-health (floor)\t2\t1250\t112640\t204800
                """);
        Report.main(new String[] { dir.toString() });
        String report = Files.readString(dir.resolve("report.md"));
        // Paired: 0.90, 0.825 and 0.864 of raw Vert.x (the ratio of the medians would be 0.86 too, but the p99's
        // would be 1.20 against the paired 1.25, 1.08 and 1.33); 3.0 and 2.2 of Funqy, which missed sample 3.
        assertTrue(report.contains("| eventloom json | 95000 | 0.86 (0.83–0.90) | 2.60 (2.20–3.00) | 0.40 | 5.40 | 1.25 (1.08–1.33) |"),
                report);
        assertTrue(report.contains("| vertx json | 110000 | 1.00 (1.00–1.00) | 3.00 (2.67–3.33) |"), report);
        // Within each row: 0.75, 0.825 and 0.80 of the baseline; p99 1.2, 1.1 and 0.9.
        assertTrue(report.contains("| eventloom json vs vertx json | 30000 | 40000 | 0.80 (0.75–0.83) | 1.10 (0.90–1.20) |"),
                report);
        assertTrue(report.contains("| eventloom fast | 2.50 | 2.75 | 1.13 (1.00–1.25) |"), report);
        assertTrue(report.contains("| eventloom cloudevent binary | 60000 | 0.60 | 2.00 |"), report);
        assertTrue(report.contains("eventloom cloudevent binary against raw Vert.x given the same request (vertx "
                + "cloudevent binary): throughput 0.75, p99 1.50."), report);
        assertTrue(report.contains("eventloom cloudevent binary against raw Vert.x given the same request (vertx "
                + "cloudevent reply (sdk)): throughput 0.80, p99 1.20."), report);
        // Funqy is the baseline even where its floor came first: 0.80 and 1.00 of it.
        assertTrue(report.contains("| eventloom | 900 | 0.90 (0.80–1.00) | 95 | 0.95 (0.90–1.00) | 180 |"), report);
        // 800/1100 and 1000/1250; 90/102 and 100/110 MiB (0.882 and 0.909)
        assertTrue(report.contains("eventloom against funqy + smallrye-health (floor): launch to first event "
                + "0.76 (0.73–0.80), RSS after first event 0.90 (0.88–0.91)."), report);
        assertTrue(Files.size(dir.resolve("chart.png")) > 1000);
        assertEquals(2.5, Report.median(java.util.List.of(3.0, 1.0, 2.0, 4.0)));
    }

    @Test
    void targetsGiveEachFigureAgainstItsBound(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("results.tsv"), """
                headtohead\teventloom json (event loop) vs vertx json\t1\t36000\t48000\t3.0\t2.5
                headtohead\teventloom json (event loop) vs vertx json\t2\t39500\t50000\t3.0\t2.7
                http\tfunqy json (worker)\t1\t30000\t1.0\t5.0
                http\teventloom json (worker)\t1\t48000\t0.5\t4.0
                neighbour\teventloom fast function\t1\t2.0\t5.0
                startup\tfunqy\t1\t1000\t102400\t204800
                startup\teventloom-aot\t1\t400\t104448\t204800
                """);
        Report.main(new String[] { dir.toString() });
        String report = Files.readString(dir.resolve("report.md"));
        // 0.75 and 0.79 of raw Vert.x; p99 1.20 and 1.11
        assertTrue(report.contains("| non-blocking JSON vs raw Vert.x, head to head | ≥ 0.90× | 0.77 (0.75–0.79) | missed |"),
                report);
        assertTrue(report.contains("| its p99 vs raw Vert.x, head to head | ≤ 1.20× | 1.16 (1.11–1.20) | met |"), report);
        assertTrue(report.contains("| blocking JSON vs Funqy | ≥ 1.50× | 1.60 | met |"), report);
        assertTrue(report.contains("| fast function's p99 beside a CPU-burning one | ≤ 1.50× | 2.50 | missed |"), report);
        assertTrue(report.contains("| launch to first event (AOT cache) vs Funqy | ≤ 0.80× | 0.40 | met |"), report);
        // not measured in this run: no line rather than an empty one
        assertFalse(report.contains("RSS after the first event vs Funqy"), report);
        assertFalse(report.contains("answering one"), report);
        assertTrue(Files.size(dir.resolve("chart.png")) > 1000);
    }

    @Test
    void lambdaColdStartsReportCpuTimeAndResultsFromBeforeItStillRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("results.tsv"), """
                lambda-start\tlambda baseline\t1\t800\t104000\t1000
                lambda-rate\tlambda baseline\t1\t5000\t170000
                lambda-start\teventloom lambda\t1\t1000\t110000\t1100
                lambda-rate\teventloom lambda\t1\t4000\t180000
                lambda-start\tolder lambda\t1\t1000\t110000
                lambda-rate\tolder lambda\t1\t4000\t180000
                lambda-start\tlambda baseline\t2\t900\t104000\t1200
                lambda-start\teventloom lambda\t2\t900\t110000\t1320
                """);
        Report.main(new String[] { dir.toString() });
        String report = Files.readString(dir.resolve("report.md"));
        // cold start 1.25 and 1.00 of the baseline, CPU 1.10 in both samples
        assertTrue(report.contains(
                "| eventloom lambda | 950 | 1.13 (1.00–1.25) | 1210 | 1.10 (1.10–1.10) | 107 | 4000 | 0.80 |"),
                report);
        assertTrue(report.contains("| older lambda | 1000 | 1.25 | – | – | 107 | 4000 | 0.80 |"),
                report);
    }
}
