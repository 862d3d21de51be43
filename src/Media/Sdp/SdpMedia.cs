namespace ActorStream.Media.Sdp;

/// <summary>An SDP m= line (RFC 8866 §5.14): <c>m=&lt;media&gt; &lt;port&gt; &lt;proto&gt; &lt;fmt&gt;</c>.</summary>
/// <param name="Type">audio, video, application ...</param>
/// <param name="Port">The transport port the media is sent to.</param>
/// <param name="Protocol">udp (raw datagrams), RTP/AVP ...</param>
/// <param name="Format">The first (here the only) format of the line.</param>
public sealed record SdpMedia(string Type, int Port, string Protocol, string Format);
