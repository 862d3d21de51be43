using System.Security.Cryptography;
using ActorStream.Media.Rtsp;

namespace ActorStream.Media.Tests.Rtsp;

public sealed class SessionHeaderTests
{
    [Theory]
    [InlineData("12345678;timeout=60", "12345678", 60)]
    [InlineData("12345678", "12345678", null)]
    [InlineData(" aB$-_.+9 ; timeout=5 ; other=x", "aB$-_.+9", 5)]
    public void A_Session_header_parses_id_and_timeout(string value, string id, int? timeout)
    {
        Assert.True(SessionHeader.TryParse(value, out var session, out var error), error);
        Assert.Equal(new SessionHeader(id, timeout), session);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("abc def", "Session id")]
    [InlineData("abc/def", "Session id")]
    [InlineData("abcdefgh;timeout=soon", "timeout")]
    [InlineData("abcdefgh;timeout=0", "timeout")]
    [InlineData("abcdefgh;timeout=99999999999", "timeout")]
    public void Bad_Session_headers_are_refused_naming_the_part(string value, string part)
    {
        Assert.False(SessionHeader.TryParse(value, out var session, out var error));
        Assert.Null(session);
        Assert.Contains(part, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_formats_as_the_RFC_shows_and_round_trips()
    {
        var session = new SessionHeader("47112344", 60);

        Assert.Equal("47112344;timeout=60", session.ToString());
        Assert.True(SessionHeader.TryParse(session.ToString(), out var back, out _));
        Assert.Equal(session, back);
        Assert.Equal("47112344", new SessionHeader("47112344").ToString());
    }

    [Fact]
    public void New_ids_are_alphanumeric_of_the_asked_length_and_differ()
    {
        using var random = RandomNumberGenerator.Create();

        var ids = Enumerable.Range(0, 1000).Select(_ => SessionHeader.NewId(random)).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9A-Za-z]{16}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Matches("^[0-9A-Za-z]{8}$", SessionHeader.NewId(random, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionHeader.NewId(random, 7));
    }

    [Fact]
    public void New_ids_come_from_the_callers_generator()
    {
        // A generator that always yields 0x01 gives '1' everywhere; 0xFF is thrown away as biased.
        using var ones = new FixedBytes([0xFF, 0x01]);

        Assert.Equal("11111111", SessionHeader.NewId(ones, 8));
    }

    private sealed class FixedBytes(byte[] cycle) : RandomNumberGenerator
    {
        private int _next;

        public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

        public override void GetBytes(Span<byte> data)
        {
            for (var i = 0; i < data.Length; i++) data[i] = cycle[_next++ % cycle.Length];
        }
    }
}
