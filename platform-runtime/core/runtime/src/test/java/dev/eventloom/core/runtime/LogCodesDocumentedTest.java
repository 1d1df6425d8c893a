package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every {@code [EVL-nnnn]} code a log line or error of the platform carries is declared once, in {@link LogCodes}, and
 * explained in docs/operations.md.
 */
class LogCodesDocumentedTest {

    static final Path ROOT = Path.of("../../..").toAbsolutePath().normalize();
    static final Pattern TAGGED = Pattern.compile("\\[EVL-(\\d{4})\\]");
    static final Pattern LITERAL = Pattern.compile("\"[^\"\\n]*\\[EVL-\\d{4}\\]");
    static final Pattern CODE = Pattern.compile("EVL-(\\d{4})");
    static final Pattern RANGE = Pattern.compile("EVL-(\\d{4})` \\.\\. `EVL-(\\d{4})");

    /** The codes, each declared once in {@link LogCodes}. */
    static Set<String> declared() throws IllegalAccessException {
        Set<String> codes = new TreeSet<>();
        for (Field field : LogCodes.class.getFields()) {
            Matcher m = TAGGED.matcher((String) field.get(null));
            assertTrue(m.matches(), field.getName() + " is not a code: " + field.get(null));
            assertTrue(codes.add(m.group(1)), "declared twice: " + m.group(1));
        }
        return codes;
    }

    @Test
    void noSourceWritesACodeOfItsOwn() throws IOException {
        Set<String> literals = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("platform-runtime"))) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
                    && !f.getFileName().toString().equals("LogCodes.java"))
                    .forEach(f -> {
                        if (LITERAL.matcher(read(f)).find()) {
                            literals.add(ROOT.relativize(f).toString());
                        }
                    });
        }
        assertTrue(literals.isEmpty(), "codes written as literals instead of LogCodes constants in " + literals);
    }

    @Test
    void everyCodeIsInTheOperationsGuide() throws IOException, IllegalAccessException {
        Set<String> used = declared();
        assertTrue(used.size() > 20, "the codes were found: " + used);
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
