package dev.eventloom.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the structure of a Terraform file: its top-level blocks ({@code resource "type" "name" { ... }}) with their
 * bodies, after checking that strings, templates, heredocs, comments and brackets are all well formed. It does not
 * evaluate expressions; {@code terraform validate} does that where terraform is installed.
 */
final class Hcl {

    /** One top-level block: its keyword, labels and body text. */
    record Block(String type, List<String> labels, String body, int line) {
    }

    private static final Pattern HEADER = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)((?:\\s+\"[^\"]*\")*)\\s*$");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]*)\"");

    private final String source;
    private int pos;
    private int line = 1;

    private Hcl(String source) {
        this.source = source;
    }

    static List<Block> blocks(String source) {
        return new Hcl(source).parse();
    }

    private List<Block> parse() {
        List<Block> blocks = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (skipComment()) {
                continue;
            }
            if (c == '{') {
                Matcher m = HEADER.matcher(header.toString().strip());
                if (!m.find()) {
                    throw error("a top-level block needs a type and labels before '{', found '" + header.toString().strip() + "'");
                }
                List<String> labels = new ArrayList<>();
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
                int start = ++pos;
                int startLine = line;
                skipUntilClosing('}');
                blocks.add(new Block(m.group(1), labels, source.substring(start, pos - 1), startLine));
                header.setLength(0);
                continue;
            }
            if (c == '\n') {
                if (!header.toString().isBlank()) {
                    throw error("text outside any block: '" + header.toString().strip() + "'");
                }
                line++;
            }
            if (c == '"') {
                int start = pos;
                pos++;
                skipString();
                header.append(source, start, pos);
                continue;
            }
            header.append(c);
            pos++;
        }
        if (!header.toString().isBlank()) {
            throw error("text after the last block: '" + header.toString().strip() + "'");
        }
        return blocks;
    }

    /** Skips to just after the bracket that closes the one already consumed. */
    private void skipUntilClosing(char closing) {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (skipComment()) {
                continue;
            }
            pos++;
            switch (c) {
                case '\n' -> line++;
                case '"' -> skipString();
                case '{' -> skipUntilClosing('}');
                case '[' -> skipUntilClosing(']');
                case '(' -> skipUntilClosing(')');
                case '<' -> skipHeredoc();
                case '}', ']', ')' -> {
                    if (c != closing) {
                        throw error("'" + c + "' closes a bracket that was not opened here (expected '" + closing + "')");
                    }
                    return;
                }
                default -> {
                }
            }
        }
        throw error("'" + closing + "' is missing at the end of the file");
    }

    /** Inside a string (after its opening quote): escapes and template sequences, up to the closing quote. */
    private void skipString() {
        while (pos < source.length()) {
            char c = source.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if ((c == '$' || c == '%') && pos < source.length() && source.charAt(pos) == '{') {
                pos++;
                skipUntilClosing('}');
            } else if (c == '"') {
                return;
            } else if (c == '\n') {
                throw error("a string is not closed before the end of the line");
            }
        }
        throw error("a string is not closed");
    }

    /** {@code <<EOT} or {@code <<-EOT} (the first '<' already consumed) up to the line holding only the marker. */
    private void skipHeredoc() {
        Matcher m = Pattern.compile("\\G<-?([A-Za-z_][A-Za-z0-9_]*)[ \\t]*\\n").matcher(source);
        if (!m.find(pos)) {
            return; // a less-than comparison
        }
        String marker = m.group(1);
        pos = m.end();
        line++;
        while (pos < source.length()) {
            int end = source.indexOf('\n', pos);
            String text = source.substring(pos, end < 0 ? source.length() : end);
            pos = end < 0 ? source.length() : end + 1;
            line++;
            if (text.strip().equals(marker)) {
                return;
            }
        }
        throw error("heredoc " + marker + " is not closed");
    }

    private boolean skipComment() {
        if (source.startsWith("#", pos) || source.startsWith("//", pos)) {
            int end = source.indexOf('\n', pos);
            pos = end < 0 ? source.length() : end;
            return true;
        }
        if (source.startsWith("/*", pos)) {
            int end = source.indexOf("*/", pos + 2);
            if (end < 0) {
                throw error("a /* comment is not closed");
            }
            line += (int) source.substring(pos, end).chars().filter(ch -> ch == '\n').count();
            pos = end + 2;
            return true;
        }
        return false;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("line " + line + ": " + message);
    }
}
