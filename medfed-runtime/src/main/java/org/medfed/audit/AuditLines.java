package org.medfed.audit;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medfed.error.MedfedException;

/**
 * The log file split into numbered lines, each either a parsed record or the reason it is not
 * one. Reading the whole file is fine: a site appends a few records per round, so even years of
 * jobs stay far below memory.
 */
final class AuditLines {

    /** Line {@code number} (1-based): {@code record} when well formed, else {@code error}. */
    record Line(int number, AuditRecord record, String error) {
        boolean valid() {
            return record != null;
        }
    }

    private AuditLines() {
    }

    static List<Line> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MedfedException("audit log " + file + " does not exist");
        } catch (IOException e) {
            throw new MedfedException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            boolean terminated = end < bytes.length;
            lines.add(parse(number, bytes, start, end, terminated));
            start = end + 1;
        }
        return lines;
    }

    private static Line parse(int number, byte[] bytes, int start, int end, boolean terminated) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            return new Line(number, null, "not UTF-8 text");
        }
        AuditRecord record;
        try {
            record = AuditJson.parseLine(text);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage();
            return new Line(number, null, terminated ? why
                    : why + "; it is the last line and has no line end, so a write was interrupted or the file was cut");
        }
        if (!terminated) {
            // A whole record without its newline: the next append would land on the same line.
            return new Line(number, null, "it has no line end, so a write was interrupted or the file was cut");
        }
        return new Line(number, record, null);
    }
}
