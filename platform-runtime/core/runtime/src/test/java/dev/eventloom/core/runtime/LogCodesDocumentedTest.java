package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every {@code [EVL-nnnn]} code a log line or error of the platform carries is explained in docs/operations.md. */
class LogCodesDocumentedTest {

    static final Path ROOT = Path.of("../../..").toAbsolutePath().normalize();
    static final Pattern TAGGED = Pattern.compile("\\[EVL-(\\d{4})\\]");
    static final Pattern CODE = Pattern.compile("EVL-(\\d{4})");
    static final Pattern RANGE = Pattern.compile("EVL-(\\d{4})` \\.\\. `EVL-(\\d{4})");

    @Test
    void everyCodeInTheSourcesIsInTheOperationsGuide() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("platform-runtime"))) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .forEach(f -> {
                        Matcher m = TAGGED.matcher(read(f));
                        while (m.find()) {
                            used.add(m.group(1));
                        }
                    });
        }
        assertTrue(used.size() > 20, "the sources were found: " + used);
        String guide = Files.readString(ROOT.resolve("docs/operations.md"));
        Set<Integer> documented = new TreeSet<>();
        for (String line : guide.split("\n")) {
            if (!line.startsWith("| `EVL-")) {
                continue;
            }
            Matcher range = RANGE.matcher(line);
            while (range.find()) {
                for (int c = Integer.parseInt(range.group(1)); c <= Integer.parseInt(range.group(2)); c++) {
                    documented.add(c);
                }
            }
            Matcher code = CODE.matcher(line);
            while (code.find()) {
                documented.add(Integer.parseInt(code.group(1)));
            }
        }
        Set<String> missing = new TreeSet<>();
        for (String code : used) {
            if (!documented.contains(Integer.parseInt(code))) {
                missing.add("EVL-" + code);
            }
        }
        assertTrue(missing.isEmpty(), "log codes missing from the table in docs/operations.md: " + missing);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
