using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorStream.EndToEnd.Tests.Support.Chat;

/// <summary>The one-shot chat commands of a <see cref="LocalCluster"/> (`chat send`, `chat history`, `announce` ...), run to their end.</summary>
public static partial class ChatCommands
{
    /// <summary>`chat send TEXT --name NAME`: the sequence of "sent #N" (fails the test on anything else).</summary>
    public static async Task<long> ChatSendAsync(this LocalCluster cluster, string text, string name, CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await cluster.ControlAsync(cancellationToken, "chat", "send", text, "--name", name);
        Assert.True(code == 0, $"chat send '{text}' --name {name} exited {code}: {stdout} {stderr}");
        return SentSequence(stdout) ?? throw new Xunit.Sdk.XunitException($"no 'sent #N' in: {stdout}");
    }

    /// <summary>The N of "sent #N" in <paramref name="stdout"/>, or null.</summary>
    public static long? SentSequence(string stdout) =>
        Sent().Match(stdout) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>`chat history --json [ARGS]`: the events it printed, oldest first (fails the test if it fails).</summary>
    public static async Task<IReadOnlyList<ChatJsonLine>> HistoryAsync(this LocalCluster cluster, CancellationToken cancellationToken,
        params string[] arguments)
    {
        var (code, stdout, stderr) = await cluster.ControlAsync(cancellationToken, ["chat", "history", "--json", .. arguments]);
        Assert.True(code == 0, $"chat history {string.Join(' ', arguments)} exited {code}: {stdout} {stderr}");
        return ChatJsonLine.ParseAll(stdout.Split('\n')).Where(l => l.Type == "event").ToList();
    }

    /// <summary>The whole visible history, oldest first (`chat history --last N` reads it page by page).</summary>
    public static Task<IReadOnlyList<ChatJsonLine>> WholeHistoryAsync(this LocalCluster cluster, CancellationToken cancellationToken) =>
        cluster.HistoryAsync(cancellationToken, "--last", int.MaxValue.ToString(CultureInfo.InvariantCulture));

    /// <summary>`announce TEXT`: the announcement's id (the first #N it printed).</summary>
    public static async Task<long> AnnounceAsync(this LocalCluster cluster, string text, CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await cluster.ControlAsync(cancellationToken, "announce", text);
        Assert.True(code == 0, $"announce '{text}' exited {code}: {stdout} {stderr}");
        return Number().Match(stdout) is { Success: true } m
            ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"no '#N' in what announce printed: {stdout}");
    }

    /// <summary>A host command that must succeed (`announce --remove ID`, `chat hide SEQ`, `chat mute NAME` ...): its stdout.</summary>
    public static async Task<string> HostAsync(this LocalCluster cluster, CancellationToken cancellationToken, params string[] arguments)
    {
        var (code, stdout, stderr) = await cluster.ControlAsync(cancellationToken, arguments);
        Assert.True(code == 0, $"{string.Join(' ', arguments)} exited {code}: {stdout} {stderr}");
        return stdout;
    }

    [GeneratedRegex(@"\bsent #(\d+)")]
    private static partial Regex Sent();

    [GeneratedRegex(@"#(\d+)")]
    private static partial Regex Number();
}
