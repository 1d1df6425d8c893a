package dev.eventloom.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void figures_are_medians_of_rounds_with_ratios_to_the_baseline_of_the_same_run(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("results.tsv"), """
                # kind\tscenario\tround\tvalues...
                http\tvertx json\t1\t100000\t0.30\t4.0
                http\tvertx json\t2\t120000\t0.35\t5.0
                http\tvertx json\t3\t110000\t0.32\t4.5
                http\teventloom json\t1\t90000\t0.40\t5.0
                http\teventloom json\t2\t99000\t0.40\t5.4
                http\teventloom json\t3\t95000\t0.40\t6.0
                neighbour\teventloom fast\t1\t2.0\t2.5
                startup\tfunqy\t1\t1000\t102400\t204800
                startup\teventloom\t1\t800\t92160\t184320
                """);
        Report.main(new String[] { dir.toString() });
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| vertx json | 110000 | 1.00 | 0.32 | 4.50 | 1.00 |"), report);
        assertTrue(report.contains("| eventloom json | 95000 | 0.86 | 0.40 | 5.40 | 1.20 |"), report);
        assertTrue(report.contains("| eventloom fast | 2.00 | 2.50 | 1.25 |"), report);
        assertTrue(report.contains("| eventloom | 800 | 0.80 | 90 | 180 |"), report);
        assertTrue(Files.size(dir.resolve("chart.png")) > 1000);
        assertEquals(2.5, Report.median(java.util.List.of(3.0, 1.0, 2.0, 4.0)));
    }
}
