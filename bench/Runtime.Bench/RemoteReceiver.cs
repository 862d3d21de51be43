using Akka.Actor;

namespace ActorStream.Runtime.Bench;

/// <summary>
/// The second process of the remote case (<c>--remote-receiver PORT</c>): an actor system listening on
/// 127.0.0.1:PORT with the <see cref="Counter"/> actor, until it is killed or its standard input closes.
/// </summary>
internal static class RemoteReceiver
{
    public const string Flag = "--remote-receiver";

    /// <summary>Written to standard output once the counter can be reached.</summary>
    public const string ReadyLine = "ready";

    public static async Task RunAsync(int port)
    {
        var system = BenchSystems.Remote(port);
        try
        {
            system.ActorOf(Props.Create<Counter>(), Counter.Name);
            Console.WriteLine(ReadyLine);
            // The sender keeps our standard input open; end of input means it is gone (even if it crashed before
            // killing us), so the receiver never outlives it.
            var inputClosed = Task.Factory.StartNew(() => { while (Console.In.ReadLine() is not null) { } }, TaskCreationOptions.LongRunning);
            await Task.WhenAny(inputClosed, system.WhenTerminated);
        }
        finally
        {
            await BenchSystems.TerminateAsync(system);
        }
    }
}
