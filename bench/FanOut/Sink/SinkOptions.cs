namespace ActorStream.Bench.Sink;

/// <summary>Command line of the sink: how many ports to bind and how small their receive buffers are.</summary>
public sealed record SinkOptions(int Count, int ReceiveBufferBytes)
{
    /// <summary>Asked-for SO_RCVBUF; Linux doubles it and clamps it to its minimum (about 4.6 KB),
    /// so only one or two datagrams queue and the rest are dropped and counted by the kernel.</summary>
    public const int DefaultReceiveBufferBytes = 2048;

    public const int MaxCount = 4096;

    /// <summary>Parses <c>--count N [--rcvbuf BYTES]</c>; returns null and a reason on bad usage.</summary>
    public static SinkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        int count = 0;
        int rcvbuf = DefaultReceiveBufferBytes;
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"option {name} needs a value";
                return null;
            }

            string value = args[++i];
            switch (name)
            {
                case "--count" when int.TryParse(value, out int c) && c > 0 && c <= MaxCount:
                    count = c;
                    break;
                case "--rcvbuf" when int.TryParse(value, out int r) && r > 0:
                    rcvbuf = r;
                    break;
                default:
                    error = $"bad option or value: {name} {value}";
                    return null;
            }
        }

        if (count == 0)
        {
            error = $"--count N (1..{MaxCount}) is required";
            return null;
        }

        return new SinkOptions(count, rcvbuf);
    }
}
