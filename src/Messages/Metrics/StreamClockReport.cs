namespace ActorStream.Messages.Metrics;

/// <summary>
/// From a seed's station to each subscribed receiver, once a second and right after subscribing: the stream's
/// presentation timestamp <paramref name="Pts"/> (90 kHz, 33 bits, as it appears in the MPEG-TS) belongs to the frame
/// captured at <paramref name="CaptureUtc"/> on the seed's clock. Like an RTCP sender report, it lets a receiver turn
/// the PTS of any frame into its capture time, and so measure latency.
/// </summary>
/// <param name="Station">The station whose stream this describes.</param>
/// <param name="Pts">A video PTS from the encoder's output (0 .. 2^33-1).</param>
/// <param name="CaptureUtc">When that frame was read from the capture process (seed's wall clock, UTC).</param>
/// <param name="EncoderRun">Changes when the encoder restarts (its timestamps start over).</param>
public sealed record StreamClockReport(string Station, long Pts, DateTime CaptureUtc, long EncoderRun);
