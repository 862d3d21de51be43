using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Seed;
using ActorStream.Nodes.Web.Console;

namespace ActorStream.Nodes.Tests.Web.Console;

/// <summary>
/// A real seed in this process (its actor system, a testsrc station at 160x120, the chat with its database in a
/// temporary directory, the HTTP host on a free loopback port with the console on and one admin), shared by a test
/// class. Its stdout gives the console's URL as a user sees it.
/// </summary>
public sealed class ConsoleSeedFixture : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "console test password";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _stdout = new();
    private readonly TextWriter _synchronized;
    private DirectoryInfo? _data;
    private Task? _run;

    public ConsoleSeedFixture() => _synchronized = TextWriter.Synchronized(_stdout);

    /// <summary>The console's root, from the seed's "console: URL" line.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public string Stdout
    {
        get
        {
            lock (_synchronized)
            {
                return _stdout.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("actorstream-console-test-");
        var overrides = new SeedOptions
        {
            Source = "testsrc", Audio = "none", Size = "160x120", Fps = 10, BitrateKbps = 200, Unicast = true, NoOverlay = true,
            Port = 0, Host = "127.0.0.1", Http = "0", Rtsp = "off",
        }.ToOverrides().Concat(
        [
            new ConfigOverride("actorstream.http.bind-address", "127.0.0.1"),
            new ConfigOverride("actorstream.sap.enabled", "off"),
            new ConfigOverride("actorstream.log-level", "warning"),
            new ConfigOverride("actorstream.seed.data-directory", _data.FullName),
            new ConfigOverride("actorstream.web.users.admin.password-hash", PasswordHash.Create(AdminPassword, 10_000).ToString()),
            // Every test of a class comes from 127.0.0.1: the rate limit has its own test, on its own server.
            new ConfigOverride("actorstream.web.actions-per-minute", "100000"),
            new ConfigOverride("actorstream.web.socket-burst", "20"),
            new ConfigOverride("actorstream.web.socket-messages-per-second", "10"),
            new ConfigOverride("actorstream.web.max-socket-message-bytes", "1024"),
        ]).ToList();
        var config = NodeConfiguration.Load(null, overrides);
        _run = Task.Run(() => new SeedNode(config, _synchronized).RunAsync(_stop.Token));

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var line = Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("console: http", StringComparison.Ordinal));
            if (line is not null)
            {
                BaseUri = new Uri(line["console: ".Length..].Trim());
                break;
            }

            if (_run.IsCompleted)
            {
                await _run;
                throw new InvalidOperationException($"the seed stopped before its console line:\n{Stdout}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the seed printed no console line within {StartTimeout.TotalSeconds:0} s:\n{Stdout}");
            }

            await Task.Delay(100);
        }

        // The station runs and the chat room is up before a test begins.
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.Async(async () =>
        {
            using var response = await http.GetAsync("/api/chat/history?last=1");
            return response.StatusCode == HttpStatusCode.OK;
        }, StartTimeout, "the chat room answers");
    }

    /// <summary>A browser-like client: its own cookies, the console's base address.</summary>
    public ConsoleClient Client() => new(BaseUri);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
        try
        {
            _data?.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
