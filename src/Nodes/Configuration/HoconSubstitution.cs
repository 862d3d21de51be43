namespace ActorStream.Nodes.Configuration;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>: a value taken from elsewhere in the final, merged tree, or else
/// from an environment variable of that name. Optional ones that find nothing leave the field unset.
/// </summary>
public sealed class HoconSubstitution : HoconValue
{
    public HoconSubstitution(HoconPath path, string pathText, bool optional, ConfigOrigin origin) : base(origin)
    {
        Path = path;
        PathText = pathText;
        Optional = optional;
    }

    public HoconPath Path { get; }

    /// <summary>The path as written, which is also the environment variable name tried as a fallback.</summary>
    public string PathText { get; }

    public bool Optional { get; }

    public override bool IsResolved => false;

    public override string Description => Optional ? $"${{?{PathText}}}" : $"${{{PathText}}}";

    public override bool ContentEquals(HoconValue other) =>
        other is HoconSubstitution s && s.Optional == Optional && s.Path.Equals(Path);
}
