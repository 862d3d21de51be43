using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Dispatch;

/// <summary>Dispatcher lookup by id. There is one dispatcher (the thread pool) for now; any id maps to it.</summary>
internal sealed class Dispatchers(Settings settings)
{
    public MessageDispatcher DefaultDispatcher { get; } = new(Props.DefaultDispatcherId, settings.Throughput);

    public MessageDispatcher Lookup(string id) => DefaultDispatcher;
}
