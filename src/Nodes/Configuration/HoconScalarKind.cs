namespace ActorStream.Nodes.Configuration;

/// <summary>What a scalar was written as; getters still convert between them (a string "50" is an int).</summary>
public enum HoconScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
