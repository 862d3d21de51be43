using System.Threading.Channels;

namespace ActorStream.Messages.Tests.Support;

/// <summary>Bounded waits on what a <see cref="Recorder"/> (or an event stream subscriber) wrote down.</summary>
internal static class ChannelWaits
{
    /// <summary>The next item, or a TimeoutException after <paramref name="within"/>.</summary>
    public static async Task<T> NextWithin<T>(this ChannelReader<T> reader, TimeSpan within, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(within);
        try
        {
            return await reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing arrived within {within.TotalSeconds} s");
        }
    }

    /// <summary>The first item that matches, skipping others, or a TimeoutException after <paramref name="within"/>.</summary>
    public static async Task<T> FirstWithin<T>(
        this ChannelReader<T> reader, Func<T, bool> match, TimeSpan within, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(within);
        try
        {
            while (true)
            {
                var item = await reader.ReadAsync(timeout.Token);
                if (match(item)) return item;
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing that matched arrived within {within.TotalSeconds} s");
        }
    }
}
