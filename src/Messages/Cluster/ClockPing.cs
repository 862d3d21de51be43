namespace ActorStream.Messages.Cluster;

/// <summary>
/// A viewer node's clock-sync actor asks the seed's /user/clock for its wall clock (NTP-style: Akka has no clock
/// offsets). <paramref name="SentUnixUs"/> is t0 on the asker's clock, echoed back in the answer.
/// </summary>
public sealed record ClockPing(long SentUnixUs);

/// <summary>The answer to <see cref="ClockPing"/>: t0 echoed, and t1, the seed's clock when it answered.</summary>
public sealed record ClockPong(long SentUnixUs, long AnsweredUnixUs);
