using ActorStream.Media.Video;

namespace ActorStream.Media.Tests.Video;

public sealed class OpenCvFramePacerTests
{
    private static long[] Due(OpenCvFramePacer pacer, int count) =>
        Enumerable.Range(0, count).Select(k => pacer.SourceFramesDue(k)).ToArray();

    [Fact]
    public void A_file_at_the_stations_rate_moves_one_frame_per_output_frame()
    {
        Assert.Equal([1, 2, 3, 4, 5], Due(new OpenCvFramePacer(25, 25), 5));
    }

    [Fact]
    public void A_faster_file_skips_frames_so_it_plays_at_its_own_speed()
    {
        Assert.Equal([1, 3, 5, 7], Due(new OpenCvFramePacer(50, 25), 4));
    }

    [Fact]
    public void A_slower_file_repeats_frames()
    {
        Assert.Equal([1, 1, 2, 2, 3, 3], Due(new OpenCvFramePacer(12.5, 25), 6));
    }

    [Fact]
    public void NTSC_rates_keep_their_speed_over_a_long_run()
    {
        var pacer = new OpenCvFramePacer(30000.0 / 1001, 30);

        // One hour at the station's 30 fps shows 29.97 x 3600 file frames, not one more or less.
        Assert.Equal(107893, pacer.SourceFramesDue(30 * 3600));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(90000)]
    public void A_file_without_a_usable_rate_plays_frame_for_frame(double reported)
    {
        var pacer = new OpenCvFramePacer(reported, 30);

        Assert.Equal(30, pacer.SourceFps);
        Assert.Equal([1, 2, 3], Due(pacer, 3));
    }
}
