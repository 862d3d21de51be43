namespace ActorStream.Actors.Tests.Support;

/// <summary>A clock the test moves by hand, so that "three seconds later" takes no three seconds.</summary>
internal sealed class ManualTime(DateTime startUtc) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = new(startUtc, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
