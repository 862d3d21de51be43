namespace ActorStream.Actors.Tests.Support;

/// <summary>
/// This machine's wall clock shifted by a known amount: another node's clock that is off by exactly
/// <paramref name="shift"/>, so that a clock-offset estimate can be checked against the truth.
/// </summary>
internal sealed class ShiftedTime(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
