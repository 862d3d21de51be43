namespace ActorStream.Bench.Sink;

/// <summary>The sink's command loop. The script talks to it over stdin/stdout:
/// <c>mark</c> starts a window, <c>report</c> ends it and prints the delivery per port,
/// <c>sizes MS</c> drains all ports for MS milliseconds and prints the datagram sizes, <c>quit</c> ends.</summary>
public sealed class SinkSession(IReadOnlyList<UnreadSocket> sockets, TextReader input, TextWriter output)
{
    private const int MaxSizesMilliseconds = 10_000;
    private const int WideReceiveBufferBytes = 4 * 1024 * 1024; // clamped by net.core.rmem_max
    private readonly Dictionary<long, long> _dropsAtMark = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await MarkAsync(cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            string? line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return;
            }

            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words.FirstOrDefault())
            {
                case "mark":
                    await MarkAsync(cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync("MARKED").ConfigureAwait(false);
                    break;
                case "report":
                    var report = await ReportAsync(cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(report.Format()).ConfigureAwait(false);
                    break;
                case "sizes" when words.Length == 2 && int.TryParse(words[1], out int ms) && ms > 0:
                    var sample = await SampleSizesAsync(Math.Min(ms, MaxSizesMilliseconds), cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(sample.Format()).ConfigureAwait(false);
                    break;
                case "quit":
                    return;
                default:
                    await output.WriteLineAsync("ERROR unknown command: " + line).ConfigureAwait(false);
                    break;
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Empties every queue, then remembers the kernel's drop counters as the window's zero.</summary>
    private async Task MarkAsync(CancellationToken cancellationToken)
    {
        foreach (var s in sockets)
        {
            s.Drain();
        }

        var table = await ProcNetUdp.ReadByInodeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var s in sockets)
        {
            _dropsAtMark[s.Inode] = table.TryGetValue(s.Inode, out var e) ? e.Drops : 0;
        }
    }

    /// <summary>Delivered since the mark = datagrams dropped for the full buffer + datagrams still queued.</summary>
    private async Task<DeliveryReport> ReportAsync(CancellationToken cancellationToken)
    {
        var table = await ProcNetUdp.ReadByInodeAsync(cancellationToken).ConfigureAwait(false);
        var ports = new List<PortDelivery>(sockets.Count);
        foreach (var s in sockets)
        {
            if (!table.TryGetValue(s.Inode, out var e) || e.LocalPort != s.Port)
            {
                throw new InvalidOperationException($"port {s.Port} (inode {s.Inode}) is missing from {ProcNetUdp.DefaultPath}");
            }

            long dropped = e.Drops - _dropsAtMark.GetValueOrDefault(s.Inode);
            ports.Add(new PortDelivery(s.Port, dropped, s.Drain()));
        }

        return new DeliveryReport(ports);
    }

    /// <summary>After a window: opens the receive buffers wide so nothing is dropped, reads every
    /// datagram for a while, and restores the small buffers. Unbiased sizes and a real bitrate.</summary>
    private async Task<SizeSample> SampleSizesAsync(int milliseconds, CancellationToken cancellationToken)
    {
        int small = sockets[0].ReceiveBufferBytes / 2; // the kernel reports twice what was asked
        foreach (var s in sockets)
        {
            s.ReceiveBufferBytes = WideReceiveBufferBytes;
            s.Drain();
        }

        var sample = new SizeSample();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < milliseconds)
        {
            // A wide buffer holds well over this interval of a few-Mbit/s stream.
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            foreach (var s in sockets)
            {
                s.Drain(sample);
            }
        }

        sample.Seconds = clock.Elapsed.TotalSeconds;
        sample.Ports = sockets.Count;
        foreach (var s in sockets)
        {
            s.ReceiveBufferBytes = small;
        }

        return sample;
    }
}
