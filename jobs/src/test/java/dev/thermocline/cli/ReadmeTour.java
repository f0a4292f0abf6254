package dev.thermocline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of the README's "A five-minute tour": the first {@code bash} block of that section,
 * one command a line, split into arguments the way bash would (single quotes literal; in double
 * quotes {@code \$ \` \" \\} escape). Only {@code cd DIR} and {@code ../thermocline …} lines are
 * allowed, so nothing in the block escapes the test.
 */
final class ReadmeTour {

    static final String SECTION = "## A five-minute tour";

    /** One line of the tour: a {@code cd} target or the thermocline arguments. */
    record Line(String text, String cd, List<String> thermoclineArgs) {}

    private ReadmeTour() {}

    static List<Line> read(Path readme) throws IOException {
        String text = Files.readString(readme);
        int section = text.indexOf("\n" + SECTION + "\n");
        if (section < 0) {
            throw new IllegalStateException("README.md has no '" + SECTION + "' section");
        }
        int open = text.indexOf("```bash\n", section);
        int next = text.indexOf("\n## ", section + 1);
        if (open < 0 || (next >= 0 && open > next)) {
            throw new IllegalStateException("'" + SECTION + "' has no ```bash block");
        }
        int close = text.indexOf("\n```", open + 7);
        List<Line> lines = new ArrayList<>();
        for (String line : text.substring(open + "```bash\n".length(), close + 1).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> words = split(line);
            if (words.size() == 2 && words.get(0).equals("cd")) {
                lines.add(new Line(line, words.get(1), null));
            } else if (!words.isEmpty() && words.get(0).equals("../thermocline")) {
                lines.add(new Line(line, null, words.subList(1, words.size())));
            } else {
                throw new IllegalStateException("the tour may hold only 'cd DIR' and '../thermocline …' lines: " + line);
            }
        }
        return lines;
    }

    /** Bash word splitting for the quoting the tour uses; an unquoted {@code #} starts a comment. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                word = word == null ? new StringBuilder() : word;
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed ' in: " + line);
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                word = word == null ? new StringBuilder() : word;
                for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < line.length() && "$`\"\\".indexOf(line.charAt(i + 1)) >= 0) {
                        d = line.charAt(++i);
                    } else if (d == '$' || d == '`') {
                        throw new IllegalArgumentException("unescaped " + d + " in double quotes would be expanded: " + line);
                    }
                    word.append(d);
                }
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unclosed \" in: " + line);
                }
            } else if (c == '#' && word == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(++i));
            } else if ("$`|;&<>()*?".indexOf(c) >= 0) {
                throw new IllegalArgumentException("shell syntax '" + c + "' is not allowed in the tour: " + line);
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
