using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class BecomeTests : ActorStream.TestKit.TestKit
{
    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Receive<string>(s => s == "angry", _ => Become(Angry));
            Receive<string>(s => s == "push", _ => BecomeStacked(Angry));
            Receive<string>(s => Sender.Tell("happy:" + s, Self));
        }

        private void Angry()
        {
            Receive<string>(s => s == "calm", _ => Become(() => Receive<string>(s => Sender.Tell("calm:" + s, Self))));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("angry:" + s, Self));
        }
    }

    [Fact]
    public async Task Become_replaces_the_behavior()
    {
        var ct = TestContext.Current.CancellationToken;
        var actor = Sys.ActorOf(Props.Create<Switcher>());
        actor.Tell("x", TestActor);
        await ExpectMsgAsync("happy:x", cancellationToken: ct);
        actor.Tell("angry", TestActor);
        actor.Tell("y", TestActor);
        await ExpectMsgAsync("angry:y", cancellationToken: ct);
        actor.Tell("calm", TestActor);
        actor.Tell("z", TestActor);
        await ExpectMsgAsync("calm:z", cancellationToken: ct);
    }

    [Fact]
    public async Task BecomeStacked_and_UnbecomeStacked_return_to_the_previous_behavior()
    {
        var ct = TestContext.Current.CancellationToken;
        var actor = Sys.ActorOf(Props.Create<Switcher>());
        actor.Tell("push", TestActor);
        actor.Tell("a", TestActor);
        await ExpectMsgAsync("angry:a", cancellationToken: ct);
        actor.Tell("pop", TestActor);
        actor.Tell("b", TestActor);
        await ExpectMsgAsync("happy:b", cancellationToken: ct);
        // The initial behavior is never popped.
        actor.Tell("pop", TestActor);
        await ExpectMsgAsync("happy:pop", cancellationToken: ct);
    }

    private sealed class UntypedSwitcher : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "other") Become(m => Sender.Tell("other:" + m, Self));
            else Sender.Tell("first:" + message, Self);
        }
    }

    [Fact]
    public async Task UntypedActor_become_with_a_method()
    {
        var ct = TestContext.Current.CancellationToken;
        var actor = Sys.ActorOf(Props.Create<UntypedSwitcher>());
        actor.Tell("a", TestActor);
        await ExpectMsgAsync("first:a", cancellationToken: ct);
        actor.Tell("other", TestActor);
        actor.Tell("b", TestActor);
        await ExpectMsgAsync("other:b", cancellationToken: ct);
    }
}
