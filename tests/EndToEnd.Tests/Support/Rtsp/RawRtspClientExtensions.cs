namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>Helpers for requests whose answer may be a closed connection instead.</summary>
public static class RawRtspClientExtensions
{
    /// <summary>Runs a request; null when the server closed the connection instead of answering.</summary>
    public static async Task<RtspReply?> ReplyOrCloseAfterAsync(this RawRtspClient client, Func<RawRtspClient, Task<RtspReply>> request)
    {
        try
        {
            return await request(client).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return null;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
