package dev.eventloom.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;


/**
 * Every Terraform configuration parses, every variable and output is documented and every {@code var.x} is declared,
 * and the aws-lambda module keeps its promises: batch failures reported, no wildcard IAM actions, one mapping per
 * queue. {@code infra-terraform/check.sh} goes further with terraform itself where it is installed.
 */
class TerraformStructureTest {

    static final Path ROOT = Path.of("").toAbsolutePath();

    /** Configuration folders: every folder holding .tf files, outside .terraform. */
    static List<Path> configurations() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".tf") && !p.toString().contains(".terraform")
                    && !p.toString().contains("/target/")).map(Path::getParent).distinct().sorted().toList();
        }
    }

    /** Every top-level block of the folder's .tf files; a file that is not well formed fails the test. */
    static List<Hcl.Block> parse(Path folder) throws IOException {
        List<Hcl.Block> blocks = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                try {
                    blocks.addAll(Hcl.blocks(Files.readString(file)));
                } catch (IllegalArgumentException e) {
                    throw new AssertionError(ROOT.relativize(file) + " is not well formed: " + e.getMessage(), e);
                }
            }
        }
        return blocks;
    }

    static Map<String, Hcl.Block> named(List<Hcl.Block> blocks, String type) {
        Map<String, Hcl.Block> named = new LinkedHashMap<>();
        blocks.stream().filter(b -> b.type().equals(type)).forEach(b -> named.put(String.join(".", b.labels()), b));
        return named;
    }

    static boolean documented(Hcl.Block block) {
        return Pattern.compile("(?m)^\\s*description\\s*=\\s*(\"\\S|<<)").matcher(block.body()).find();
    }

    static String text(Path folder) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void theModulesAndExamplesAreAllHere() throws IOException {
        List<String> folders = configurations().stream().map(p -> ROOT.relativize(p).toString()).toList();
        assertNotNull(folders);
        assertTrue(folders.containsAll(List.of("modules/aws-lambda", "modules/knative", "examples/signups-lambda",
                "examples/greeting-knative")), folders.toString());
    }

    @Test
    void everyVariableAndOutputIsDocumentedAndEveryReferenceDeclared() throws IOException {
        Pattern reference = Pattern.compile("\\bvar\\.([A-Za-z0-9_]+)");
        List<String> problems = new ArrayList<>();
        for (Path folder : configurations()) {
            List<Hcl.Block> blocks = parse(folder);
            String where = ROOT.relativize(folder).toString();
            Map<String, Hcl.Block> variables = named(blocks, "variable");
            variables.forEach((name, block) -> {
                if (!documented(block)) {
                    problems.add(where + ": variable " + name + " has no description");
                }
            });
            named(blocks, "output").forEach((name, block) -> {
                if (!documented(block)) {
                    problems.add(where + ": output " + name + " has no description");
                }
            });
            Matcher used = reference.matcher(text(folder));
            Set<String> undeclared = new TreeSet<>();
            while (used.find()) {
                if (!variables.containsKey(used.group(1))) {
                    undeclared.add(used.group(1));
                }
            }
            if (!undeclared.isEmpty()) {
                problems.add(where + ": var." + undeclared + " used but not declared");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theLambdaModuleReportsBatchFailuresAndGrantsNoWildcardActions() throws IOException {
        Path module = ROOT.resolve("modules/aws-lambda");
        Set<String> resources = new TreeSet<>();
        parse(module).stream().filter(b -> b.type().equals("resource")).forEach(b -> resources.add(b.labels().get(0)));
        assertTrue(resources.containsAll(List.of("aws_lambda_function", "aws_lambda_event_source_mapping",
                "aws_iam_role", "aws_cloudwatch_log_group", "aws_cloudwatch_event_rule", "aws_sns_topic_subscription",
                "aws_lambda_permission")), resources.toString());
        Hcl.Block mapping = parse(module).stream().filter(b -> b.type().equals("resource")
                && b.labels().get(0).equals("aws_lambda_event_source_mapping")).findFirst().orElseThrow();
        assertTrue(mapping.body().contains("ReportBatchItemFailures") || text(module).contains("ReportBatchItemFailures"),
                "mappings report batch item failures");
        String code = text(module).replaceAll("(?m)^\\s*(#|//).*$", "");
        Matcher actions = Pattern.compile("\"([a-z0-9-]+:[A-Za-z*]+)\"").matcher(code);
        Map<String, Integer> wildcard = new HashMap<>();
        while (actions.find()) {
            String action = actions.group(1);
            if (!action.startsWith("arn") && action.endsWith("*")) {
                wildcard.merge(action, 1, Integer::sum);
            }
        }
        assertEquals(Map.of(), wildcard, "IAM actions are named one by one");
        assertFalse(code.matches("(?s).*Action\\s*=\\s*\\[?\\s*\"\\*\".*"), "no Action = \"*\"");
    }

    @Test
    void malformedFilesAreCaught() {
        for (String bad : List.of("resource \"a\" \"b\" {\n  x = [1, 2\n}\n", "variable \"v\" {\n  d = \"open\n}\n",
                "locals {\n  x = <<EOT\nnever closed\n}\n", "output \"o\" {\n}\n}\n", "stray = 1\n")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Hcl.blocks(bad), bad);
        }
        List<Hcl.Block> ok = Hcl.blocks("# c\nresource \"t\" \"n\" {\n  a = \"${b[\"}\"]}\"\n  h = <<-EOT\n  }\n  EOT\n}\n");
        assertEquals(List.of("t", "n"), ok.get(0).labels());
    }

    @Test
    void theKnativeModuleAppliesTheGeneratedManifest() throws IOException {
        String knative = text(ROOT.resolve("modules/knative"));
        assertTrue(knative.contains("kubernetes_manifest"), "applies through kubernetes_manifest");
        assertTrue(knative.contains("yamldecode"), "reads the generated YAML");
    }
}
