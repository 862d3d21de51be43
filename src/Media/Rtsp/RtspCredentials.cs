namespace ActorStream.Media.Rtsp;

/// <summary>A user and password for a server's Basic or Digest challenge. ToString never shows the password.</summary>
public sealed record RtspCredentials(string User, string Password)
{
    public override string ToString() => $"{User}:***";
}
