package dev.trydeb.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecLineTest {
    @Test
    void parse_plainWordsAndFieldCodes() {
        assertEquals(Optional.of(List.of("foo", "--new-window", "%U")), ExecLine.parse("foo  --new-window %U"));
    }

    @Test
    void parse_quotedArguments_escapesInsideQuotes() {
        assertEquals(Optional.of(List.of("/opt/My App/run", "a \"b\" $c `d` \\e")),
                ExecLine.parse("\"/opt/My App/run\" \"a \\\\\"b\\\\\" \\\\$c \\\\`d\\\\` \\\\\\\\e\""));
    }

    @Test
    void parse_stringEscapes_appliedFirst() {
        assertEquals(Optional.of(List.of("sh", "-c", "echo a\tb")), ExecLine.parse("sh -c \"echo a\\tb\""));
    }

    @Test
    void parse_unterminatedQuoteOrEmpty_nothing() {
        assertEquals(Optional.empty(), ExecLine.parse("foo \"bar"));
        assertEquals(Optional.empty(), ExecLine.parse("   "));
    }

    @Test
    void format_quotesOnlyWhatNeedsIt_fieldCodesBare() {
        assertEquals("/usr/bin/trydeb --env default run --exec foo -- %U",
                ExecLine.format(List.of("/usr/bin/trydeb", "--env", "default", "run", "--exec", "foo", "--", "%U")));
        assertEquals("\"/home/a b/trydeb\" \"x;y\" \"\"", ExecLine.format(List.of("/home/a b/trydeb", "x;y", "")));
    }

    @Test
    void format_thenParse_sameArguments() {
        List<String> args = List.of("/weird path/\"q\"/trydeb", "$HOME", "back\\slash", "tab\there", "%f", "100%");
        assertEquals(Optional.of(args), ExecLine.parse(ExecLine.format(args)));
    }
}
