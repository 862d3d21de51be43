using ActorStream.Runtime.Dispatch;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// Failure, supervision, restart and stop, as in Akka: a failing actor suspends itself and its children and
/// asks its parent; the parent's strategy resumes, restarts, stops or escalates. Stopping waits for the
/// children, then runs PostStop, then tells the parent and the watchers.
/// </summary>
internal sealed partial class ActorCell
{
    private bool _isFailed;
    private IActorRef? _failedPerpetrator;
    private object? _failedMessage;
    private bool _isTerminating;
    private Exception? _pendingRecreateCause;

    /// <summary>The actor (or a child it escalates for) failed: suspend and ask the parent.</summary>
    private void HandleInvokeFailure(Exception cause, object? failedMessage, IActorRef? perpetratorChild = null)
    {
        if (_isTerminating)
        {
            Log.LogError(cause, "Actor {Path} failed while stopping", Self.Path);
            return;
        }
        if (_isFailed)
        {
            // Already waiting for the supervisor; the earlier failure decides.
            Log.LogDebug(cause, "Actor {Path} failed again while already failed", Self.Path);
            return;
        }
        _isFailed = true;
        _failedPerpetrator = perpetratorChild;
        _failedMessage = failedMessage;
        _mailbox.Suspend();
        // The child that escalated is already suspended by its own failure.
        SuspendChildren(except: perpetratorChild);
        _parent.SendSystemMessage(new Failed(Self, cause, Self.Path.Uid));
    }

    private void HandleFailedChild(Failed failed)
    {
        if (!_children.TryGetValue(failed.Child.Path.Name, out var stats) || !stats.Child.Equals(failed.Child))
        {
            // A failure report from an incarnation that is gone: nothing to decide.
            return;
        }
        if (_childrenToDie.Contains(stats.Child)) return;
        var strategy = _props.SupervisorStrategy ?? _actor?.SupervisorStrategyInternal ?? SupervisorStrategy.DefaultStrategy;
        if (!strategy.HandleFailure(this, failed.Child, failed.Cause, stats, ChildStats))
        {
            // Escalate: we fail with the child's exception; our parent's strategy decides about us.
            HandleInvokeFailure(failed.Cause, null, perpetratorChild: failed.Child);
        }
    }

    private void FaultSuspend()
    {
        _mailbox.Suspend();
        SuspendChildren(except: null);
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_isTerminating) return;
        if (_actor is null)
        {
            FaultCreate();
            return;
        }
        var perpetrator = _failedPerpetrator;
        _mailbox.Resume();
        if (causedByFailure is not null) ClearFailed();
        ResumeChildren(causedByFailure, perpetrator);
    }

    private void FaultCreate()
    {
        ClearFailed();
        _mailbox.Resume();
        Create();
    }

    private void ClearFailed()
    {
        _isFailed = false;
        _failedPerpetrator = null;
        _failedMessage = null;
    }

    private void FaultRecreate(Exception cause)
    {
        if (_isTerminating) return;
        if (_actor is null)
        {
            // Creation itself failed and the supervisor wants another try.
            FaultCreate();
            return;
        }
        var failedActor = _actor;
        var failedMessage = _failedMessage;
        _timers?.CancelAll();
        CancelReceiveTimeout();
        DropPendingAsync();
        try
        {
            // Akka puts the stash back in front of the mailbox for the next incarnation.
            _stash?.UnstashAll();
            failedActor.InvokePreRestart(cause, failedMessage);
        }
        catch (Exception e)
        {
            Log.LogError(e, "PreRestart of {Path} threw; restarting anyway", Self.Path);
        }
        finally
        {
            _behaviorStack.Clear();
            _actor = null;
        }
        _pendingRecreateCause = cause;
        if (_childrenToDie.Count == 0) FinishRecreate();
    }

    private void FinishRecreate()
    {
        var cause = _pendingRecreateCause!;
        _pendingRecreateCause = null;
        var survivors = _children.Values.Select(s => s.Child).Where(c => !_childrenToDie.Contains(c)).ToArray();
        try
        {
            _actor = NewActor();
            ClearFailed();
            _mailbox.Resume();
            _actor.InvokePostRestart(cause);
            // Children kept by an overridden PreRestart are restarted too (they were suspended with us).
            foreach (var child in survivors) child.Restart(cause);
        }
        catch (Exception e)
        {
            ClearFailed();
            HandleInvokeFailure(new ActorInitializationException(Self, $"Exception while restarting {Self.Path}: {e.Message}", e), null);
        }
    }

    private void ContinuePendingAfterChildTerminated()
    {
        if (_isTerminating)
        {
            if (_children.IsEmpty) FinishTerminate();
        }
        else if (_pendingRecreateCause is not null && _childrenToDie.Count == 0)
        {
            FinishRecreate();
        }
    }

    private void Terminate()
    {
        if (_isTerminating) return;
        _isTerminating = true;
        _timers?.CancelAll();
        CancelReceiveTimeout();
        UnwatchAll();
        if (_children.IsEmpty)
        {
            FinishTerminate();
        }
        else
        {
            // No more user messages; wait for the children to report their death.
            _mailbox.Suspend();
            StopAllChildren();
        }
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        try
        {
            if (actor is not null) actor.InvokePostStop();
        }
        catch (Exception e)
        {
            Log.LogError(e, "PostStop of {Path} threw", Self.Path);
        }
        finally
        {
            try
            {
                var stashed = _stash?.ClearStash();
                _mailbox.BecomeClosed();
                if (stashed is not null)
                {
                    foreach (var e in stashed) _system.PublishDeadLetter(e.Message, e.Sender, Self);
                }
                DrainUserMessagesToDeadLetters();
                DrainSystemMessagesAfterDeath();
                _parent.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true));
                TellWatchersWeDied();
                _system.EventStream.Unsubscribe(Self);
            }
            finally
            {
                _actor = null;
                _behaviorStack.Clear();
                _currentEnvelope = default;
                _asyncPending = false;
            }
        }
    }
}
