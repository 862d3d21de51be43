using ActorStream.Media.Chat;

namespace ActorStream.Media.Tests.Chat;

public sealed class ChatTextTests
{
    private const string Esc = "\u001B";

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("hello", "hello")]
    [InlineData("  hello world  ", "hello world")]
    [InlineData("keeps  two  spaces", "keeps  two  spaces")]
    [InlineData("grüße 你好 😀 مرحبا", "grüße 你好 😀 مرحبا")]
    public void Plain_text_is_kept_and_trimmed(string? text, string expected) => Assert.Equal(expected, ChatText.Clean(text));

    [Fact]
    public void Colours_and_styles_are_removed()
    {
        Assert.Equal("red bold normal", ChatText.Clean($"{Esc}[31mred{Esc}[0m {Esc}[1;4mbold{Esc}[m normal"));
        Assert.Equal("truecolour", ChatText.Clean($"{Esc}[38;2;255;0;0mtruecolour{Esc}[39m"));
        Assert.Equal("256", ChatText.Clean($"{Esc}[38:5:196m256"));
    }

    [Fact]
    public void Cursor_moves_screen_clears_and_private_modes_are_removed()
    {
        // Erase the line above and write a fake line there: the classic way to forge someone else's message.
        Assert.Equal("[#3 14:00:00] host: click here", ChatText.Clean($"{Esc}[1A{Esc}[2K\r[#3 14:00:00] host: click here"));
        Assert.Equal("gone", ChatText.Clean($"{Esc}[2J{Esc}[H{Esc}[10;20Hgone{Esc}[?25l{Esc}[?1049h"));
        Assert.Equal("saved", ChatText.Clean($"{Esc}7{Esc}8saved{Esc}c{Esc}(B{Esc}#8{Esc}M{Esc} F"));
    }

    [Fact]
    public void Osc_8_hyperlinks_keep_their_visible_text_only()
    {
        var link = $"see {Esc}]8;;https://evil.example/{Esc}\\the docs{Esc}]8;;{Esc}\\ now";
        Assert.Equal("see the docs now", ChatText.Clean(link));
        var bellLink = $"{Esc}]8;id=1;https://evil.example/\u0007click{Esc}]8;;\u0007";
        Assert.Equal("click", ChatText.Clean(bellLink));
    }

    [Fact]
    public void Title_sets_and_other_control_strings_are_removed_with_their_content()
    {
        Assert.Equal("hi", ChatText.Clean($"{Esc}]0;pwned title\u0007hi"));
        Assert.Equal("hi", ChatText.Clean($"{Esc}]2;pwned title{Esc}\\hi"));
        Assert.Equal("a b", ChatText.Clean($"a {Esc}P+q544e{Esc}\\b")); // DCS (XTGETTCAP)
        Assert.Equal("ab", ChatText.Clean($"a{Esc}_apc payload{Esc}\\b{Esc}^pm{Esc}\\{Esc}Xsos{Esc}\\"));
        Assert.Equal("clipboard", ChatText.Clean($"{Esc}]52;c;ZWNobyBwd25lZA==\u0007clipboard"));
    }

    [Fact]
    public void An_unterminated_control_string_takes_the_rest_of_the_text_as_a_terminal_would()
    {
        Assert.Equal("before", ChatText.Clean($"before {Esc}]0;no end"));
        Assert.Equal("x", ChatText.Clean($"x{Esc}"));
        Assert.Equal("x", ChatText.Clean($"x{Esc}["));
        Assert.Equal("x", ChatText.Clean($"x{Esc}[12;"));
    }

    [Fact]
    public void An_escape_inside_a_control_string_ends_it_and_starts_a_new_sequence()
    {
        Assert.Equal("text", ChatText.Clean($"{Esc}]0;title{Esc}[31mtext"));
        Assert.Equal("after", ChatText.Clean($"{Esc}Pdcs\u0018after")); // CAN cancels
    }

    [Fact]
    public void Eight_bit_control_sequences_and_every_C1_control_are_removed()
    {
        Assert.Equal("red", ChatText.Clean("\u009B31mred\u009B0m"));
        Assert.Equal("hi", ChatText.Clean("\u009D0;title\u009Chi"));
        Assert.Equal("hi", ChatText.Clean("\u0090dcs\u009Chi"));
        var allC1 = string.Concat(Enumerable.Range(0x80, 0x20).Where(c => c is not (0x90 or 0x98 or 0x9B or 0x9D or 0x9E or 0x9F)).Select(c => $"{(char)c}x"));
        Assert.DoesNotContain(ChatText.Clean(allC1), c => char.IsControl(c));
    }

    [Fact]
    public void A_malformed_control_sequence_ends_at_the_first_character_that_cannot_be_in_it()
    {
        Assert.Equal("é", ChatText.Clean($"{Esc}[1é"));
        Assert.Equal("a b", ChatText.Clean($"a{Esc}[1\nb"));
    }

    [Fact]
    public void Tabs_and_line_breaks_become_one_space_and_other_C0_controls_and_DEL_vanish()
    {
        Assert.Equal("one two three four", ChatText.Clean("one\ttwo\r\nthree \n\n  four"));
        Assert.Equal("a b", ChatText.Clean("a\u2028b"));
        Assert.Equal("belldelnul", ChatText.Clean("\u0007bell\u007Fdel\u0000nul\u0008"));
        Assert.Equal("a b", ChatText.Clean($"a\n{Esc}[0m\nb"));
        Assert.Equal("line", ChatText.Clean("\r\n\tline\r\n"));
    }

    [Fact]
    public void Bidi_overrides_and_isolates_are_removed_so_the_text_reads_as_it_is()
    {
        // Trojan Source (CVE-2021-42574): RLO makes "if access_level != user" display reversed.
        var trojan = "access_level != \"user\u202E \u2066// Check if admin\u2069 \u2066\"";
        var cleaned = ChatText.Clean(trojan);
        Assert.Equal("access_level != \"user // Check if admin \"", cleaned);
        Assert.Equal("abcdefghi", ChatText.Clean("a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068\u2069i"));
        Assert.Equal("שלום\u200F!", ChatText.Clean("שלום\u200F!")); // a plain RLM mark is left: it overrides nothing
    }

    [Fact]
    public void Unpaired_surrogates_are_removed_and_pairs_kept()
    {
        Assert.Equal("ab", ChatText.Clean("a\uD800b"));
        Assert.Equal("ab", ChatText.Clean("a\uDC00b"));
        Assert.Equal("a😀b", ChatText.Clean("a\uD83D\uDE00b"));
        Assert.Equal("", ChatText.Clean("\uD800\u0001\uDC00")); // removing the control must not join the halves
    }

    [Fact]
    public void Random_text_never_keeps_a_control_an_escape_a_bidi_override_or_a_lone_surrogate()
    {
        char[] alphabet =
        [
            '\u001B', '\u001B', '\u001B', '[', ']', 'P', 'X', '^', '_', '\\', '\u0007', '\u0018', ';', '0', '1', '9', 'm', 'H',
            '?', ' ', ' ', '\t', '\r', '\n', '\u0000', '\u007F', '\u0085', '\u009B', '\u009C', '\u009D', '\u0090', '\u0080',
            '\u202E', '\u2066', '\u2069', '\uD83D', '\uDE00', '\uD800', 'a', 'z', 'é', '你', '\u00A0', '\u3000',
        ];
        var random = new Random(12);
        for (var n = 0; n < 10_000; n++)
        {
            var text = new char[random.Next(0, 64)];
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = random.Next(8) == 0 ? (char)random.Next(0, 0x10000) : alphabet[random.Next(alphabet.Length)];
            }

            var input = new string(text);
            var cleaned = ChatText.Clean(input);

            Assert.DoesNotContain(cleaned, c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
            for (var i = 0; i < cleaned.Length; i++)
            {
                if (char.IsHighSurrogate(cleaned[i]))
                {
                    Assert.True(i + 1 < cleaned.Length && char.IsLowSurrogate(cleaned[++i]), $"lone surrogate from {Escaped(input)}");
                }
                else
                {
                    Assert.False(char.IsLowSurrogate(cleaned[i]), $"lone surrogate from {Escaped(input)}");
                }
            }

            Assert.Equal(cleaned.Trim(), cleaned);
            Assert.True(cleaned.Length <= input.Length);
            Assert.Equal(cleaned, ChatText.Clean(cleaned)); // cleaning is idempotent: the room may clean again
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Long_hostile_input_is_cleaned_in_one_pass()
    {
        // Quadratic work on any of these (re-scanning after each ESC) would take minutes at this size.
        string[] patterns = [$"{Esc}[", $"{Esc}]", $"{Esc}]x{Esc}", "\u009B1", $"{Esc} ", " \n", "\uD800"];
        foreach (var pattern in patterns)
        {
            var text = string.Concat(Enumerable.Repeat(pattern, 500_000)) + "end";
            var cleaned = await Task.Run(() => ChatText.Clean(text), TestContext.Current.CancellationToken);
            Assert.DoesNotContain(cleaned, c => char.IsControl(c));
        }
    }

    private static string Escaped(string text) => string.Concat(text.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));
}
