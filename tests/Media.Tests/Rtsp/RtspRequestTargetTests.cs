using ActorStream.Media.Rtsp;

namespace ActorStream.Media.Tests.Rtsp;

public sealed class RtspRequestTargetTests
{
    [Theory]
    [InlineData("rtsp://seed:8554/cam", "cam", null)]
    [InlineData("rtsp://seed:8554/cam/", "cam", null)]
    [InlineData("RTSP://10.0.0.1/cam/trackID=1", "cam", "trackID=1")]
    [InlineData("rtsp://user:pw@seed:8554/front-door?x=1", "front-door", null)]
    [InlineData("/cam/trackID=0", "cam", "trackID=0")]
    [InlineData("rtsp://[::1]:8554/my%20cam/trackID=0", "my cam", "trackID=0")]
    public void Names_the_station_and_track(string uri, string station, string? control)
    {
        Assert.True(RtspRequestTarget.TryParse(uri, out var url, out var error), error);
        Assert.Equal(new RtspRequestTarget(station, control), url);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("http://seed/cam", "rtsp://")]
    [InlineData("rtsp://seed:8554", "no station")]
    [InlineData("rtsp://seed:8554/", "no station")]
    [InlineData("rtsp://seed/a/b/c", "more than")]
    public void Refuses_what_names_no_station(string uri, string why)
    {
        Assert.False(RtspRequestTarget.TryParse(uri, out _, out var error));
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_base_keeps_the_clients_authority()
    {
        Assert.Equal("rtsp://seed.lan:8554/cam/", RtspRequestTarget.ContentBase("rtsp://seed.lan:8554/cam/trackID=0", "cam"));
        Assert.Equal("rtsp://10.0.0.1/cam/", RtspRequestTarget.ContentBase("rtsp://10.0.0.1", "cam"));
    }
}
