using FFMpegCore;

namespace ActorStream.Media.Probe;

/// <summary>
/// Probes a media file with ffprobe through FFMpegCore. Each call passes its own <see cref="FFOptions"/> (the folder
/// of the configured ffprobe), so nothing is kept in FFMpegCore's global options.
/// </summary>
public sealed class MediaProbe
{
    private readonly FFOptions _options;

    /// <param name="ffprobePath">The ffprobe executable (as located from actorstream.ffmpeg.ffprobe-path); FFMpegCore runs
    /// "ffprobe" from its folder.</param>
    public MediaProbe(string ffprobePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(ffprobePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(ffprobePath)) ?? string.Empty;
        _options = new FFOptions { BinaryFolder = folder };
    }

    /// <exception cref="MediaProbeException">The file is missing, ffprobe failed on it, or it holds no video.</exception>
    public async Task<ProbedMedia> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new MediaProbeException($"cannot probe '{path}': no such file");
        }

        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, _options, customArguments: null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new MediaProbeException($"ffprobe could not read '{path}': {ex.Message}", ex);
        }

        var video = analysis.PrimaryVideoStream
            ?? throw new MediaProbeException($"'{path}' holds no video stream");
        var (darWidth, darHeight) = video.DisplayAspectRatio;
        var width = video.Width ?? 0;
        var height = video.Height ?? 0;
        var bitrate = video.BitRate is > 0 ? video.BitRate.Value : analysis.Format.BitRate ?? 0;
        var frameRate = video.AverageFrameRate > 0 && double.IsFinite(video.AverageFrameRate) ? video.AverageFrameRate : video.RealFrameRate;
        return new ProbedMedia(
            video.CodecName ?? "unknown",
            width,
            height,
            AspectRatio.Of(width, height, darWidth, darHeight),
            Math.Round(double.IsFinite(frameRate) ? frameRate : 0, 3),
            analysis.Duration.TotalSeconds,
            (int)Math.Round(bitrate / 1000.0),
            AudioDescription.Of(analysis.PrimaryAudioStream));
    }
}
