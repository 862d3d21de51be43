using System.Diagnostics;
using ActorStream.EndToEnd.Tests.Support.Browser;
using Microsoft.Playwright;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The browser the console tests drive: Debian's chromium, headless through Playwright, can play what the console
/// sends it (H.264 and AAC through Media Source Extensions), decodes frames with its silent audio sink, and tells the
/// page about each frame shown (requestVideoFrameCallback). A failure here says the machine's browser is the problem,
/// not the console.
/// </summary>
public sealed class ChromiumMediaTests
{
    [Fact]
    public async Task Debian_chromium_headless_supports_h264_and_aac_in_media_source_and_plays_a_clip_frame_by_frame()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await ChromiumBrowser.LaunchAsync();
        await using var page = await browser.NewPageAsync(new Uri("http://console.test/"));
        var clip = await MakeClipAsync(ct);
        await page.Page.RouteAsync("http://console.test/**", route => route.Request.Url.EndsWith("/clip.mp4", StringComparison.Ordinal)
            ? route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "video/mp4", BodyBytes = clip })
            : route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<video data-testid=player src=/clip.mp4 autoplay></video>" }));
        await page.Page.GotoAsync("http://console.test/");

        var support = await page.Page.EvaluateAsync<string>("""
            () => JSON.stringify({
              h264: MediaSource.isTypeSupported('video/mp4; codecs="avc1.64001f"'),
              aac: MediaSource.isTypeSupported('audio/mp4; codecs="mp4a.40.2"'),
              frameCallback: 'requestVideoFrameCallback' in HTMLVideoElement.prototype })
            """);
        TestContext.Current.TestOutputHelper?.WriteLine($"{browser.Executable} {browser.Version}: {support}");
        Assert.True(support == """{"h264":true,"aac":true,"frameCallback":true}""", $"{browser.Executable} {browser.Version}: {support}");

        // The clip (3 s at 30 fps, with a sine tone) plays unmuted without a click, frames counted and called back.
        await page.WaitForAsync("""
            () => {
              const v = document.querySelector('[data-testid=player]');
              if (!v.calls) { v.calls = 0; const count = () => { v.calls++; v.requestVideoFrameCallback(count); }; v.requestVideoFrameCallback(count); }
              return v.getVideoPlaybackQuality().totalVideoFrames >= 45 && v.calls >= 30;
            }
            """, null, TimeSpan.FromSeconds(20), "the clip plays: 45 frames decoded and 30 frame callbacks",
            VideoState.Expression + " + ' calls ' + document.querySelector('[data-testid=player]').calls");
        var video = VideoState.Parse(await page.Page.EvaluateAsync<string?>(VideoState.Script))!;
        Assert.True(video is { Width: 320, Height: 240, Error: null }, video.ToString());
    }

    /// <summary>A 3-second H.264 + AAC MP4 (fast start) made by ffmpeg.</summary>
    private static async Task<byte[]> MakeClipAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"actorstream-e2e-clip-{Guid.NewGuid():N}.mp4");
        try
        {
            var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
                     {
                         "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30:duration=3",
                         "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast",
                         "-c:a", "aac", "-movflags", "+faststart", "-shortest", path,
                     })
            {
                info.ArgumentList.Add(argument);
            }

            using var ffmpeg = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
            var stderr = ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
            await ffmpeg.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg made no clip: {await stderr}");
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
