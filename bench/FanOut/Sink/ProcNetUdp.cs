using System.Globalization;

namespace ActorStream.Bench.Sink;

/// <summary>One row of /proc/net/udp: the kernel's own view of a UDP socket.</summary>
public sealed record ProcNetUdpEntry(int LocalPort, long Inode, long RxQueueBytes, long Drops);

/// <summary>Reads /proc/net/udp. The kernel counts every datagram it could not queue in the
/// socket's <c>drops</c> column, which is how datagrams are counted without reading them.</summary>
public static class ProcNetUdp
{
    public const string DefaultPath = "/proc/net/udp";

    public static async Task<IReadOnlyDictionary<long, ProcNetUdpEntry>> ReadByInodeAsync(
        CancellationToken cancellationToken, string path = DefaultPath)
    {
        string text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return ParseByInode(text);
    }

    /// <summary>Parses the table; rows that do not have the expected shape are skipped.</summary>
    public static IReadOnlyDictionary<long, ProcNetUdpEntry> ParseByInode(string text)
    {
        var result = new Dictionary<long, ProcNetUdpEntry>();
        foreach (string line in text.Split('\n'))
        {
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 13 || !f[0].EndsWith(':'))
            {
                continue;
            }

            int colon = f[1].IndexOf(':', StringComparison.Ordinal);
            int queues = f[4].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || queues < 0
                || !int.TryParse(f[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int port)
                || !long.TryParse(f[4].AsSpan(queues + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long rx)
                || !long.TryParse(f[9], NumberStyles.Integer, CultureInfo.InvariantCulture, out long inode)
                || !long.TryParse(f[12], NumberStyles.Integer, CultureInfo.InvariantCulture, out long drops))
            {
                continue;
            }

            result[inode] = new ProcNetUdpEntry(port, inode, rx, drops);
        }

        return result;
    }
}
