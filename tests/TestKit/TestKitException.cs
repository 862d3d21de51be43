namespace ActorStream.TestKit;

/// <summary>A failed TestKit expectation. Its own type so the TestKit needs no test framework.</summary>
public sealed class TestKitException(string message) : Exception(message);
