package dev.trydeb.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({"0, 0 B", "999, 999 B", "1000, 1.0 kB", "1049, 1.0 kB", "1050, 1.1 kB", "999949, 999.9 kB",
            "1000000, 1.0 MB", "4289000, 4.3 MB", "123456789, 123.5 MB"})
    void text_oneDecimalLikeApt(long bytes, String expected) {
        assertEquals(expected, ByteSize.text(bytes));
    }

    @ParameterizedTest
    @CsvSource({"1234", "56789", "999999", "1000000", "2500000", "987654321"})
    void text_sameAsFormattingTheDecimal(long bytes) {
        String expected = bytes < 1_000_000
                ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        assertEquals(expected, ByteSize.text(bytes));
    }
}
