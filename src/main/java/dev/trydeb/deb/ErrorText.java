package dev.trydeb.deb;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions and untrusted names into short single-line text for user-facing messages. */
final class ErrorText {
    private static final int MAX_LENGTH = 200;

    private ErrorText() {
    }

    /** A short description of what went wrong, without the exception's class name where possible. */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof EOFException ? "unexpected end of data" : e.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    /** The text on one line, control characters replaced by '?', cut to a readable length. */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        if (sb.length() >= MAX_LENGTH && text.length() > MAX_LENGTH) {
            sb.append("...");
        }
        return sb.toString().strip();
    }
}
