using System.Diagnostics;
using ActorStream.Runtime.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Event;

/// <summary>
/// Logs dead letters and unhandled messages (sender, recipient, message type), at most
/// <c>actorstream.actor.dead-letters.log-limit</c> per <c>actorstream.actor.dead-letters.log-suspend-duration</c>, then a summary of
/// how many were suppressed. Keeps the total count. Runs as /system/deadLetterListener.
/// </summary>
internal sealed class DeadLetterListener : ActorBase
{
    private readonly ILogger _log;
    private readonly int _maxPerWindow;
    private readonly TimeSpan _window;
    private long _windowStart;
    private int _loggedInWindow;
    private long _suppressed;

    public DeadLetterListener()
    {
        _log = Context.System.LoggerFactory.CreateLogger("ActorStream.Runtime.DeadLetters");
        _maxPerWindow = Context.System.Settings.LogDeadLetters;
        _window = Context.System.Settings.LogDeadLettersSuspendDuration;
    }

    public long Count { get; private set; }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(AllDeadLetters));
    }

    protected internal override bool Receive(object message)
    {
        if (message is not AllDeadLetters letter) return false;
        Count++;
        if (_maxPerWindow <= 0) return true;
        var now = Stopwatch.GetTimestamp();
        if (_windowStart == 0 || Stopwatch.GetElapsedTime(_windowStart, now) > _window)
        {
            if (_suppressed > 0)
                _log.LogInformation("{Suppressed} dead letters / unhandled messages were not logged ({Total} so far)", _suppressed, Count - 1);
            _windowStart = now;
            _loggedInWindow = 0;
            _suppressed = 0;
        }
        if (_loggedInWindow >= _maxPerWindow)
        {
            _suppressed++;
            return true;
        }
        _loggedInWindow++;
        var kind = letter is DeadLetter ? "was not delivered" : "was not handled";
        _log.LogInformation("Message [{MessageType}] from {Sender} to {Recipient} {Kind}. [{Count}] dead letters encountered{More}.",
            letter.Message.GetType().Name, letter.Sender.Path, letter.Recipient.Path, kind, Count,
            _loggedInWindow == _maxPerWindow ? $", no more logged for {_window}" : "");
        return true;
    }
}
