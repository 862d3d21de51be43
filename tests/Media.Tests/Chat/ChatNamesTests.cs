using ActorStream.Media.Chat;

namespace ActorStream.Media.Tests.Chat;

public sealed class ChatNamesTests
{
    [Theory]
    [InlineData("ann")]
    [InlineData("Bob_2")]
    [InlineData("x")]
    [InlineData("9lives")]
    [InlineData("jean-luc.p")]
    [InlineData("Åsa")]
    [InlineData("Дмитрий")]
    [InlineData("李雷")]
    [InlineData("𝒜lice")] // a letter outside the BMP counts as one character
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")] // exactly 32
    public void Valid_names_have_no_problem(string name) => Assert.Null(ChatNames.Problem(name, 32));

    [Theory]
    [InlineData(null, "the name is empty")]
    [InlineData("", "the name is empty")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "the name is longer than 32 characters (it has 33)")]
    [InlineData("bob smith", "the name may hold only letters, digits, '-', '_' and '.' (it has a space at character 4)")]
    [InlineData("bob:", "the name may hold only letters, digits, '-', '_' and '.' (it has ':' at character 4)")]
    [InlineData("a\u001B[31m", "the name may hold only letters, digits, '-', '_' and '.' (it has U+001B at character 2)")]
    [InlineData("ev\u202Ee", "the name may hold only letters, digits, '-', '_' and '.' (it has U+202E at character 3)")]
    [InlineData("bo\u200Bb", "the name may hold only letters, digits, '-', '_' and '.' (it has U+200B at character 3)")]
    [InlineData("-ann", "the name must start with a letter or digit")]
    [InlineData(".hidden", "the name must start with a letter or digit")]
    [InlineData("_", "the name must start with a letter or digit")]
    public void Invalid_names_are_refused_with_the_reason(string? name, string expected) => Assert.Equal(expected, ChatNames.Problem(name, 32));

    [Fact]
    public void An_unpaired_surrogate_is_named_as_such()
    {
        // Not an InlineData: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        Assert.Equal("the name may hold only letters, digits, '-', '_' and '.' (it has an unpaired surrogate U+D800 at character 2)",
            ChatNames.Problem("x\uD800", 32));
    }

    [Fact]
    public void Length_counts_characters_not_UTF16_units()
    {
        Assert.Null(ChatNames.Problem("𝒜𝒜𝒜", 3));
        Assert.Equal("the name is longer than 3 characters (it has 4)", ChatNames.Problem("𝒜𝒜𝒜𝒜", 3));
    }

    [Fact]
    public void Names_that_differ_in_case_only_are_the_same_name()
    {
        Assert.True(ChatNames.Comparer.Equals("Ann", "aNN"));
        Assert.False(ChatNames.Comparer.Equals("ann", "anna"));
        var held = new HashSet<string>(ChatNames.Comparer) { "Bob" };
        Assert.Contains("BOB", held);
    }

    [Theory]
    [InlineData("camera-1.lan", "camera-1")]
    [InlineData("LivingRoom", "LivingRoom")]
    [InlineData("my host.example.org", "my-host")]
    [InlineData("__build_box", "build_box")]
    [InlineData("--x", "x")]
    [InlineData("host:name", "host-name")]
    [InlineData("", "viewer")]
    [InlineData(".local", "viewer")]
    [InlineData("---", "viewer")]
    [InlineData(null, "viewer")]
    [InlineData("averyveryverylonghostnamethatgoesonandon", "averyveryverylo")]
    public void A_host_name_gives_a_valid_default_name(string? host, string expected)
    {
        var name = ChatNames.FromHostName(host, 15);

        Assert.Equal(expected, name);
        Assert.Null(ChatNames.Problem(name, 15));
    }

    [Fact]
    public void The_fallback_is_cut_to_a_short_limit_too() => Assert.Equal("vi", ChatNames.FromHostName("", 2));

    [Fact]
    public void Any_host_name_gives_a_name_without_a_problem()
    {
        var random = new Random(7);
        for (var n = 0; n < 2_000; n++)
        {
            var host = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)random.Next(0, 0x3000)).ToArray());
            var max = random.Next(1, 40);
            Assert.Null(ChatNames.Problem(ChatNames.FromHostName(host, max), max));
        }
    }

    [Fact]
    public void A_limit_below_one_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChatNames.Problem("ann", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChatNames.FromHostName("host", 0));
    }
}
