namespace ActorStream.EndToEnd.Tests.Support.Browser;

/// <summary>
/// Where the console tests leave what a person looks at after a run: screenshots of each view in
/// bin/CONFIGURATION/net10.0/artifacts/console/ (beside the test assembly, so CI can keep the folder), and
/// the README's picture of the whole console as artifacts/console/console.png, which the integrator copies to
/// docs/console.png.
/// </summary>
public static class ConsoleArtifacts
{
    public static string Directory
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "artifacts", "console");
            System.IO.Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>The path of artifact <paramref name="name"/> (e.g. "player.png").</summary>
    public static string PathOf(string name) => Path.Combine(Directory, name);
}
