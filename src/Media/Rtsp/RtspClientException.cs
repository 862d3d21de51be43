namespace ActorStream.Media.Rtsp;

/// <summary>
/// An RTSP exchange failed: the server refused (then <see cref="StatusCode"/> is its answer), did not answer in time,
/// closed the connection, or cannot be reached. The message says which, for the user.
/// </summary>
public sealed class RtspClientException : Exception
{
    public RtspClientException()
    {
    }

    public RtspClientException(string message)
        : base(message)
    {
    }

    public RtspClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RtspClientException(string message, int statusCode)
        : base(message) => StatusCode = statusCode;

    public int? StatusCode { get; }
}
