using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.MpegTs;

/// <summary>Joining a station's real encoder output part-way: tables first, then a keyframe.</summary>
public sealed class StreamJoinPointTests
{
    [Fact]
    public async Task A_reader_joining_mid_stream_starts_with_pat_pmt_and_a_keyframe_and_then_gets_the_chunks_as_they_are()
    {
        using var temp = new TempDirectory();
        var token = TestContext.Current.CancellationToken;
        var ts = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("j.ts"), "libx264", 3, audio: true, token), token);
        var chunks = Chunks(ts).ToList();
        var join = new StreamJoinPoint();

        // Join a third of a second in: the stream's keyframes are a second apart.
        var outputs = chunks.Skip(chunks.Count / 9).Select(c => (Chunk: c, Out: join.Feed(c))).ToList();

        var first = outputs.FindIndex(o => o.Out is not null);
        Assert.True(first > 0, "joined at once, before any keyframe");
        var start = outputs[first].Out!.Value.ToArray();
        Assert.Equal(ProgramTables.PatPid, Header(start, 0).Pid);
        var tables = new ProgramTables();
        Assert.True(tables.Read(0, start.AsSpan(Header(start, 0).PayloadOffset, TsPacket.Size - Header(start, 0).PayloadOffset)));
        Assert.Equal(tables.PmtPid, Header(start, 1).Pid);
        var keyframe = Header(start, 2);
        Assert.True(keyframe.PayloadUnitStart && keyframe.RandomAccess, "the third packet is not a keyframe's first");
        Assert.All(outputs.Skip(first + 1), o => Assert.True(o.Out!.Value.Equals(o.Chunk), "a chunk after the join was not passed on as it is"));

        // What the reader got demuxes from a keyframe on, without a break.
        var demuxer = new TsDemuxer();
        var frames = TsDemuxerTests.DemuxAll(demuxer, [.. outputs.Skip(first).SelectMany(o => o.Out!.Value.ToArray())]);
        var video = frames.Where(f => f.Kind == ElementaryStreamKind.Video).ToList();
        Assert.True(video[0].RandomAccess);
        Assert.InRange(video.Count, 30, 80);
        Assert.Equal(0, demuxer.DroppedFrames);

        // After Reset it waits for the next keyframe again.
        join.Reset();
        var again = chunks.Skip(chunks.Count / 9).Select(c => join.Feed(c)).ToList();
        Assert.Equal(first, again.FindIndex(o => o is not null));
    }

    [Fact]
    public async Task The_first_video_and_audio_timestamps_sent_are_found()
    {
        using var temp = new TempDirectory();
        var token = TestContext.Current.CancellationToken;
        var ts = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("s.ts"), "libx264", 2, audio: true, token), token);
        var expected = TsDemuxerTests.DemuxAll(new TsDemuxer(), ts);
        var finder = new StreamStartFinder();

        (long VideoPts, long? AudioPts)? found = null;
        foreach (var chunk in Chunks(ts))
        {
            found ??= finder.Feed(chunk.Span);
        }

        Assert.True(finder.Done);
        Assert.Equal(expected.First(f => f.Kind == ElementaryStreamKind.Video).Pts, found!.Value.VideoPts);
        Assert.Equal(expected.First(f => f.Kind == ElementaryStreamKind.Audio).Pts, found.Value.AudioPts);
        Assert.Null(finder.Feed(ts));
    }

    private static TsPacket Header(byte[] data, int index)
    {
        Assert.True(TsPacket.TryParse(data.AsSpan(index * TsPacket.Size, TsPacket.Size), out var header, out var error), error);
        return header;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Chunks(byte[] ts)
    {
        for (var offset = 0; offset + TsPacket.DatagramSize <= ts.Length; offset += TsPacket.DatagramSize)
        {
            yield return ts.AsMemory(offset, TsPacket.DatagramSize);
        }
    }
}
