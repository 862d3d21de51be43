using System.Globalization;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Chat;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// Issue 12's chat when the seed dies, under load, and with a database it cannot write. Each test has a seed of its
/// own (no viewers): it kills it, loads it, or it never starts.
/// </summary>
public sealed class ChatRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_acknowledged_just_before_kill_9_of_the_seed_is_in_the_history_after_its_restart_and_running_clients_carry_on()
    {
        await using var cluster = await LocalCluster.StartAsync(viewers: 0, durationSeconds: 180, Ct);
        var ann = await ChatClient.JoinAsync(cluster, "ann", Ct);
        var bob = await ChatClient.JoinAsync(cluster, "bob", Ct);
        var (annMark, bobMark) = (ann.Mark, bob.Mark);

        var acknowledged = await ann.SendAsync("the last word before the crash", Ct);
        await cluster.RestartSeedAsync(Ct);

        var history = await cluster.HistoryAsync(Ct);
        Assert.Contains(history, e => e.Sequence == acknowledged && e is { Name: "ann", Text: "the last word before the crash" });

        // Both joined the new room by themselves: their participant rejoined, or (when the cluster downed the node while
        // the seed was away) the node's new actor system did.
        foreach (var (client, mark) in new[] { (ann, annMark), (bob, bobMark) })
        {
            await client.WaitConnectedAsync(mark, Ct);
        }

        var after = await bob.SendAsync("back after the restart", Ct);
        Assert.True(after > acknowledged, $"#{after} after #{acknowledged}: the restarted room lost its place");
        var received = await ann.WaitForAsync(0, l => l.IsMessage && l.Sequence == after, ChatClient.DeliveryTimeout, $"ann gets #{after}", Ct);
        Assert.Equal(("bob", "back after the restart"), (received.Name, received.Text));
        // Nothing shown twice across the reconnection (the rejoin catches up, it does not replay).
        foreach (var client in new[] { ann, bob })
        {
            var sequences = client.Lines.Where(l => l.Type == "event").Select(l => l.Sequence).ToList();
            Assert.True(sequences.Count == sequences.Distinct().Count(), $"{client.Name} showed an event twice: {string.Join(", ", sequences)}");
            Assert.True(sequences.SequenceEqual(sequences.Order()), $"{client.Name} showed events out of order: {string.Join(", ", sequences)}");
        }
    }

    [Fact]
    public async Task A_second_client_asking_for_a_name_already_held_exits_1_naming_it_and_the_others_carry_on()
    {
        await using var cluster = await LocalCluster.StartAsync(viewers: 0, durationSeconds: 120, Ct);
        var ann = await ChatClient.JoinAsync(cluster, "ann", Ct);
        var bob = await ChatClient.JoinAsync(cluster, "bob", Ct);

        // Names compare without case.
        var second = ChatClient.Start(cluster, "ANN");
        var code = await second.Process.WaitForExitAsync(ChatClient.JoinTimeout, Ct);

        Assert.True(code == 1, $"exit {code}; stdout: {second.Process.Stdout}; stderr: {second.Process.Stderr}");
        Assert.Contains("'ann'", second.Process.Stdout + second.Process.Stderr, StringComparison.OrdinalIgnoreCase);
        // Its coming and going (it joined the cluster, was refused, left) disturbs nobody: the first ann still writes, bob reads.
        var sent = await ann.SendAsync("still ann", Ct);
        await bob.WaitForAsync(0, l => l.IsMessage && l.Sequence == sent, ChatClient.DeliveryTimeout, $"bob gets #{sent}", Ct);
        foreach (var process in new[] { cluster.Seed, ann.Process, bob.Process })
        {
            Assert.False(process.HasExited, $"pid {process.Pid} stopped after the refused client left: {process.Stderr[^Math.Min(3000, process.Stderr.Length)..]}");
        }
    }

    [Fact]
    public async Task Ten_senders_of_200_messages_at_once_lose_none_duplicate_none_and_keep_each_senders_order()
    {
        const int Senders = 10, PerSender = 200;
        var limits = new Dictionary<string, string>
        {
            ["ACTORSTREAM_CHAT__RATE_LIMIT__BURST"] = "1000",
            ["ACTORSTREAM_CHAT__RATE_LIMIT__PER_SECOND"] = "1000",
        };
        await using var cluster = await LocalCluster.StartAsync(viewers: 0, durationSeconds: 240, Ct, environment: limits);

        // `chat send -` sends each stdin line, pipelined, order kept: the lines are all in the pipe before it connects.
        var senders = Enumerable.Range(1, Senders).Select(s => (Name: $"sender{s}", Process: cluster.StartClient("chat", "send", "-", "--name", $"sender{s}"))).ToList();
        foreach (var (name, process) in senders)
        {
            await process.WriteStdinAsync(string.Concat(Enumerable.Range(1, PerSender).Select(i => $"{name} {i}\n")), Ct);
            process.CloseStdin();
        }

        foreach (var (name, process) in senders)
        {
            var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(120), Ct);
            Assert.True(code == 0, $"{name} exited {code}: {process.Stdout} {process.Stderr}");
            Assert.Contains($"sent {PerSender} messages", process.Stdout, StringComparison.Ordinal);
        }

        var history = await cluster.WholeHistoryAsync(Ct);
        var messages = history.Where(e => e.IsMessage && e.Name.StartsWith("sender", StringComparison.Ordinal)).ToList();
        Assert.Equal(Senders * PerSender, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.Text).Distinct().Count());
        Assert.Equal(history.Count, history.Select(m => m.Sequence).Distinct().Count());
        foreach (var (name, _) in senders)
        {
            var order = messages.Where(m => m.Name == name).OrderBy(m => m.Sequence).Select(m => m.Text).ToList();
            Assert.Equal(Enumerable.Range(1, PerSender).Select(i => $"{name} {i}"), order);
        }
    }

    [Theory]
    [InlineData("/proc/nope/chat.db")]
    [InlineData("DIRECTORY")]
    public async Task A_chat_database_that_cannot_be_written_makes_the_seed_exit_1_naming_it(string database)
    {
        // Tests run as root, for whom a read-only directory is writable: a path under /proc, or a directory where the file should be.
        var directory = Directory.CreateTempSubdirectory("actorstream-e2e-chatdb-");
        try
        {
            var path = database == "DIRECTORY" ? directory.FullName : database;
            var (code, stdout, stderr) = await NodeProcess.RunAsync(new Dictionary<string, string> { ["ACTORSTREAM_CHAT__DATABASE"] = path },
                LocalCluster.StartTimeout, Ct,
                "seed", "--port", FreePorts.Tcp().ToString(CultureInfo.InvariantCulture), "--http", "off", "--rtsp", "off", "--size", "160x120",
                "--audio", "none", "--duration", "30");

            Assert.True(code == 1, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
            Assert.Contains(path, stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
