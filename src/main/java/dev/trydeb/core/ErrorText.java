package dev.trydeb.core;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Short single-line text for user-facing messages. java.nio's own messages are often just
 * the file name (AccessDeniedException's message is the path), which says nothing once
 * the message names the path itself.
 */
public final class ErrorText {
    private static final int MAX_LENGTH = 200;

    /**
     * The end of every error whose cause is how the host is set up (user namespaces, the
     * subordinate ids and their mappers, the store's file system), which 'trydeb doctor'
     * examines. The sandbox helper (trydeb-sandbox.c) ends its own such errors with the same.
     */
    public static final String SEE_DOCTOR = "(run 'trydeb doctor' for details)";

    private ErrorText() {
    }

    /** What went wrong, without the exception's class name where possible. */
    public static String describe(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it exists and is not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return oneLine(fs.getReason());
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof EOFException ? "unexpected end of data" : e.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    /**
     * Whether the error, or one it was caused by, is an interruption (InterruptedIOException:
     * a child stopped by the signal Ctrl-C or kill sent to trydeb's whole process group),
     * which is not a problem with a file and which trydeb's own shutdown hook reports.
     */
    public static boolean isInterruption(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The text on one line, control characters replaced by '?', cut to a readable length. */
    public static String oneLine(String text) {
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
