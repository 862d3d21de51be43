namespace ActorStream.Runtime.Actor;

/// <summary>"/": stops itself (and so /system) once /user has stopped, which ends the actor system.</summary>
internal sealed class RootGuardianActor : ActorBase
{
    protected override void PreStart()
    {
        if (Context.Child("user") is { } user) Context.Watch(user);
    }

    protected internal override bool Receive(object message)
    {
        if (message is Terminated t && t.ActorRef.Path.Name == "user")
        {
            Context.Stop(Self);
            return true;
        }
        return message is Terminated;
    }

    // Root does not restart: a failure here ends the system (see TerminationWalker).
    protected override void PreRestart(Exception reason, object? message) { }
}
