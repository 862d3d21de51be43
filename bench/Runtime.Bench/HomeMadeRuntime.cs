namespace ActorStream.Runtime.Bench;

/// <summary>
/// Figures the home-made runtime (src/Runtime, replaced by Akka.NET) measured with this bench on the 2-core
/// machine, printed next to Akka's so the move can be judged; the runtime itself is gone.
/// </summary>
internal static class HomeMadeRuntime
{
    public const double PingPongTwoPairs = 8_300_000;
    public const double FanOutTo10 = 33_000_000;
    public const double FanOutTo100 = 28_500_000;
    public const double RemoteTell = 80_000;
}
