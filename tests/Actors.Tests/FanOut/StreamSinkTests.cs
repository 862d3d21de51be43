using System.Diagnostics;
using System.Threading.Channels;
using ActorStream.Actors.FanOut;
using ActorStream.Media.MpegTs;
using ActorStream.Messages.FanOut;
using ActorStream.Media.Tests.Support;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.FanOut;

/// <summary>
/// A real station's fan-out hands its stream to an in-process reader (a browser's socket does so): from a keyframe with
/// the tables first, decodable by ffprobe, with the clock; a reader that falls behind costs drops and a clean restart,
/// never a wait; detaching completes the reader's channel.
/// </summary>
public sealed class StreamSinkTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sink_gets_a_decodable_stream_from_a_keyframe_with_its_clock_and_a_slow_one_drops_and_starts_again_at_a_keyframe()
    {
        await using var station = StationHost.Start(this, audio: true);
        await station.WaitUntilEncodingAsync(Token);
        var fanout = await Sys.ActorSelection(station.Station.Path / "fanout").ResolveOne(TimeSpan.FromSeconds(5), Token);

        var items = Channel.CreateBounded<StreamSinkItem>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.Wait });
        var attached = await fanout.Ask<StreamSinkAttached>(new AttachStreamSink("page1", items.Writer), Wait, Token);
        Assert.Equal("web-page1", attached.Name);
        var refused = await fanout.Ask<DestinationRejected>(new AttachStreamSink("page1", items.Writer), Wait, Token);
        Assert.Contains("already attached", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("letters", (await fanout.Ask<DestinationRejected>(new AttachStreamSink("../x", items.Writer), Wait, Token)).Reason, StringComparison.Ordinal);

        // Two seconds of what the sink hands over.
        var path = Path.Combine(Path.GetTempPath(), $"sink-{Guid.NewGuid():N}.ts");
        var clocks = 0;
        var first = true;
        try
        {
        await using (var file = File.Create(path))
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                var item = await items.Reader.ReadAsync(Token).AsTask().WaitAsync(Wait, Token);
                if (item.Clock is not null)
                {
                    clocks++;
                    continue;
                }

                if (first)
                {
                    AssertStartsWithTablesAndKeyframe(item.Chunk);
                    first = false;
                }

                await file.WriteAsync(item.Chunk, Token);
            }
        }

        Assert.True(clocks >= 1, "no clock report came with the stream");
        var probe = await Ffprobe.CountFramesAsync(path, Wait, Token);
        Assert.Equal(320, probe.Width);
        Assert.InRange(probe.FramesRead, 40, 80);
        }
        finally
        {
            File.Delete(path);
        }

        var list = await fanout.Ask<DestinationList>(ListDestinations.Instance, Wait, Token);
        Assert.Contains(list.Destinations, d => d.Name == "web-page1" && d.Kind == "browser" && d.Uri == "web:page1");

        // A reader that stops reading: its channel fills, chunks are dropped (counted), and once it reads again the
        // sink starts over at a keyframe with the tables.
        var slow = Channel.CreateBounded<StreamSinkItem>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.Wait });
        await fanout.Ask<StreamSinkAttached>(new AttachStreamSink("slow", slow.Writer), Wait, Token);
        await Eventually.Until(async () =>
        {
            var now = await fanout.Ask<DestinationList>(ListDestinations.Instance, Wait, Token);
            return now.Destinations.Single(d => d.Name == "web-slow").Drops > 0;
        }, TimeSpan.FromSeconds(15), "no drops counted while the reader did not read", Token);
        while (slow.Reader.TryRead(out _))
        {
        }

        var next = await NextChunkAsync(slow.Reader);
        AssertStartsWithTablesAndKeyframe(next.Chunk);
        fanout.Tell(new DetachStreamSink("slow"));

        fanout.Tell(new DetachStreamSink("page1"));
        var completed = Task.Run(async () =>
        {
            while (await items.Reader.WaitToReadAsync(Token))
            {
                items.Reader.TryRead(out _);
            }
        }, Token);
        await completed.WaitAsync(Wait, Token);
        var after = await fanout.Ask<DestinationList>(ListDestinations.Instance, Wait, Token);
        Assert.DoesNotContain(after.Destinations, d => d.Name == "web-page1");
    }

    private static async Task<StreamSinkItem> NextChunkAsync(ChannelReader<StreamSinkItem> reader)
    {
        while (true)
        {
            var item = await reader.ReadAsync(Token).AsTask().WaitAsync(Wait, Token);
            if (item.Clock is null)
            {
                return item;
            }
        }
    }

    private static void AssertStartsWithTablesAndKeyframe(ReadOnlyMemory<byte> chunk)
    {
        var span = chunk.Span;
        Assert.True(TsPacket.TryParse(span[..TsPacket.Size], out var pat, out _));
        Assert.Equal(ProgramTables.PatPid, pat.Pid);
        Assert.True(TsPacket.TryParse(span.Slice(2 * TsPacket.Size, TsPacket.Size), out var key, out _));
        Assert.True(key.PayloadUnitStart && key.RandomAccess, "the stream does not start at a keyframe");
    }
}
