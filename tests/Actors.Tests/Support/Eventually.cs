namespace ActorStream.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes: the bounded alternative to sleep-and-hope.</summary>
public static class Eventually
{
    public static async Task Until(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
