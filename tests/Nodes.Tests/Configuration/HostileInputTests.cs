using System.Diagnostics;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class HostileInputTests
{
    // Generous: these must fail fast, but CI is a busy 2-core machine.
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(10);

    private static ConfigurationException FailsFast(Func<Config> parse)
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<ConfigurationException>(() => parse().Resolve(new Dictionary<string, string>()));
        Assert.True(watch.Elapsed < Fast, $"took {watch.Elapsed}");
        return e;
    }

    [Fact]
    public void Deeply_nested_braces_fail_without_blowing_the_stack()
    {
        var e = FailsFast(() => ConfigurationFactory.ParseString(string.Concat(Enumerable.Repeat("a{", 200_000))));
        Assert.Contains("nesting deeper than 100 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_lists_and_dotted_keys_fail_cleanly()
    {
        Assert.Contains("nesting deeper", FailsFast(() => ConfigurationFactory.ParseString("a = " + new string('[', 200_000))).Message, StringComparison.Ordinal);
        var dotted = string.Join('.', Enumerable.Repeat("k", 5_000)) + " = 1";
        Assert.Contains("nesting deeper", FailsFast(() => ConfigurationFactory.ParseString(dotted)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_just_under_the_limit_is_accepted()
    {
        var text = string.Concat(Enumerable.Repeat("a{", 99)) + new string('}', 99);
        Assert.NotNull(ConfigurationFactory.ParseString(text).GetValue("a"));
    }

    [Fact]
    public void Oversized_input_is_refused_before_parsing()
    {
        var huge = "a = \"" + new string('x', HoconLimits.Default.MaxInputChars) + "\"";
        Assert.Contains("the limit is", FailsFast(() => ConfigurationFactory.ParseString(huge)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_strings_under_the_limit_parse_quickly()
    {
        var big = new string('x', 3_000_000);
        var watch = Stopwatch.StartNew();
        var c = ConfigurationFactory.ParseString("a = \"" + big + "\"\nb = \"\"\"" + big[..100_000] + "\"\"\"");
        Assert.Equal(big.Length, c.GetString("a").Length);
        Assert.Equal(100_000, c.GetString("b").Length);
        Assert.True(watch.Elapsed < Fast);
    }

    [Fact]
    public void Unterminated_strings_fail_cleanly()
    {
        Assert.Contains("unterminated string", FailsFast(() => ConfigurationFactory.ParseString("a = \"" + new string('x', 1_000_000))).Message, StringComparison.Ordinal);
        Assert.Contains("unterminated triple-quoted", FailsFast(() => ConfigurationFactory.ParseString("a = \"\"\"" + new string('x', 1_000_000))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exponential_substitution_blow_up_is_refused()
    {
        var lines = new List<string> { "l0 = [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 30; i++) lines.Add($"l{i} = ${{l{i - 1}}} ${{l{i - 1}}} ${{l{i - 1}}}");
        var e = FailsFast(() => ConfigurationFactory.ParseString(string.Join('\n', lines)));
        Assert.Contains("produces more than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_substitution_chains_and_deep_substituted_objects_are_refused()
    {
        var chain = string.Join('\n', Enumerable.Range(0, 5_000).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk5000 = 1";
        Assert.Contains("nested too deeply", FailsFast(() => ConfigurationFactory.ParseString(chain)).Message, StringComparison.Ordinal);

        // Each object wraps the previous one: the tree would grow one level per line.
        var wraps = "o0 = {}\n" + string.Join('\n', Enumerable.Range(1, 5_000).Select(i => $"o{i} = {{ x = ${{o{i - 1}}} }}"));
        Assert.Contains("deeper than", FailsFast(() => ConfigurationFactory.ParseString(wraps)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_self_appends_are_bounded()
    {
        var text = "a = []\n" + string.Join('\n', Enumerable.Repeat("a = ${a} [x]", 5_000));
        Assert.Contains("more than", FailsFast(() => ConfigurationFactory.ParseString(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_garbage_only_ever_raises_configuration_exceptions()
    {
        var random = new Random(12345);
        const string alphabet = "{}[]=:,\"$?#/ \n\tab.1+\\u";
        for (var i = 0; i < 2_000; i++)
        {
            var chars = new char[random.Next(1, 60)];
            for (var j = 0; j < chars.Length; j++) chars[j] = alphabet[random.Next(alphabet.Length)];
            try
            {
                ConfigurationFactory.ParseString(new string(chars)).Resolve(new Dictionary<string, string>());
            }
            catch (ConfigurationException)
            {
                // Expected for most inputs; anything else fails the test.
            }
        }
    }
}
