using ActorStream.Nodes.Cli;

return await ActorStreamCommand.RunAsync(args);
