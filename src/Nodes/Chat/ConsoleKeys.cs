using System.Threading.Channels;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// The terminal's keys for the chat's line editor, as Console.ReadKey gives them (not echoed: the editor draws the
/// line), read on a background thread for the process's whole life (a blocking console read cannot be cancelled, so it
/// must outlive any one actor system). The end of input ends the reading, nothing else.
/// </summary>
public sealed class ConsoleKeys
{
    private readonly Channel<ConsoleKeyInfo> _channel =
        Channel.CreateUnbounded<ConsoleKeyInfo>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private ConsoleKeys()
    {
    }

    public ChannelReader<ConsoleKeyInfo> Reader => _channel.Reader;

    /// <summary>Starts reading this process's terminal.</summary>
    public static ConsoleKeys Start()
    {
        var keys = new ConsoleKeys();
        var thread = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    keys._channel.Writer.TryWrite(Console.ReadKey(intercept: true));
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // stdin closed or not readable: no more keys, which is all that ending means here.
            }
            finally
            {
                keys._channel.Writer.TryComplete();
            }
        })
        {
            IsBackground = true,
            Name = "chat keys",
        };
        thread.Start();
        return keys;
    }
}
