using System.Net;
using System.Net.Sockets;
using ActorStream.Bench.Sink;

// Fan-out benchmark sink: binds N UDP ports on 127.0.0.1, prints them, then obeys SinkSession's commands.
var options = SinkOptions.Parse(args, out string? error);
if (options is null)
{
    await Console.Error.WriteLineAsync($"usage: ActorStream.Bench.Sink --count N [--rcvbuf BYTES]\n{error}");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

var sockets = new List<UnreadSocket>(options.Count);
try
{
    for (int i = 0; i < options.Count; i++)
    {
        sockets.Add(new UnreadSocket(options.ReceiveBufferBytes));
    }

    Console.WriteLine("PORTS " + string.Join(' ', sockets.Select(s => s.Port)));
    Console.WriteLine($"RCVBUF {sockets[0].ReceiveBufferBytes}");
    Console.WriteLine($"TCPPORT {FreeTcpPort()}");
    await new SinkSession(sockets, Console.In, Console.Out).RunAsync(cts.Token);
    return 0;
}
catch (OperationCanceledException)
{
    return 0;
}
catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException or UnauthorizedAccessException)
{
    await Console.Error.WriteLineAsync("sink failed: " + ex.Message);
    return 1;
}
finally
{
    foreach (var s in sockets)
    {
        s.Dispose();
    }
}

// A TCP port free right now, for a sender that needs one of its own (the actorstream seed's cluster port).
static int FreeTcpPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    int port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}
